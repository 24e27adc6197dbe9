"""The web form's steps, one form class each, and the form staff use to enter a complaint.

Every step carries a honeypot field and the signed time the form was first
served. A filled honeypot, a missing or forged timestamp, or a whole form sent
faster than a person could type it marks the complaint `suspected_bot`: it is
still stored, for a person to look at, never dropped.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from .contact import normalise_phone
from .models import MAX_COMPLAINT_LENGTH, Channel, ContactMethod, Relationship, YesNoUnknown
from .service_lookup import normalise_service_number, service_with_number

TIMESTAMP_SALT = "complaints.form-started"
HONEYPOT_FIELD = "website"
AS_TYPED = "_as_typed"  # suffix of an answer kept as the person typed it, to show them; never stored


def min_fill_seconds() -> float:
    return float(settings.COMPLAINTS_MIN_FILL_SECONDS)


def sign_started_at(now: float | None = None) -> str:
    return signing.dumps({"t": now if now is not None else time.time()}, salt=TIMESTAMP_SALT)


def started_at(token: str) -> float | None:
    """When the form was first served, or None if the token is missing or forged."""
    try:
        value = signing.loads(token or "", salt=TIMESTAMP_SALT)
        return float(value["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class RadioSelect(forms.RadioSelect):
    """Marks the widget so the shared field template draws a fieldset with a legend."""

    is_radio_group = True


class StepForm(forms.Form):
    """A step of the public form; knows its own title and the bot traps."""

    title = ""
    intro = ""

    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def looks_like_a_bot(self) -> bool:
        honeypot = (self.data.get(HONEYPOT_FIELD) or "").strip()
        return bool(honeypot) or started_at(self.data.get("started", "")) is None

    def answers(self) -> dict:
        """The cleaned answers worth carrying to the next step (no trap fields)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT_FIELD, "started")
        }

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @classmethod
    def extra_summary_rows(cls, answers: dict) -> list[tuple[str, str]]:
        """(question, answer) rows for the check-answers page besides the step's own fields."""
        return []


class PhoneField(forms.CharField):
    """A phone number as people type it, cleaned to E.164 ('+447700900982'), or '' when left empty."""

    default_error_messages = {"invalid": "Enter a phone number, like 07700 900 982 or +44 7700 900 982."}

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=32, **kwargs)

    def clean(self, value):
        typed = super().clean(value)
        if not typed:
            return ""
        number = normalise_phone(typed)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def _text_input(*, autocomplete=None, input_type="text"):
    widget = forms.TextInput(attrs={"autocomplete": autocomplete} if autocomplete else {})
    widget.input_type = input_type
    return widget


def _text(label, *, hint="", required=False, max_length=500, autocomplete=None):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=max_length,
        widget=_text_input(autocomplete=autocomplete),
    )


class ServiceForm(StepForm):
    """Which service: free text, then "Is it one of these?" when the registry has likely matches.

    `offered` is the list of (service number, label) pairs found for what was typed;
    with it the form asks the person to pick one, or none.
    """

    title = "Which care service is it about?"
    intro = "Type its name and town, or its service number if you know it. If you know neither, tell us what you know about it."
    NOT_LISTED = "none"

    service_description = forms.CharField(
        label="Name of the care service, or its service number",
        help_text="For example ‘Hillview Care Home, Dundee’, or CS2003001025. The service number is on the service’s inspection report.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tell us the name of the care service, or what you know about it."},
    )
    care_service = forms.ChoiceField(
        label="Is it one of these?",
        help_text="These are registered care services that match what you typed.",
        widget=RadioSelect,
        error_messages={"required": "Choose the care service, or choose ‘None of these, or I’m not sure’."},
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = [tuple(choice) for choice in offered or []]
        if self.offered:
            self.fields["care_service"].choices = [
                *self.offered,
                (self.NOT_LISTED, "None of these, or I’m not sure"),
            ]
        else:
            del self.fields["care_service"]

    def chosen_service(self) -> tuple[str, str]:
        """(service number, label) of the service picked from the matches, or two empty strings."""
        choice = self.cleaned_data.get("care_service", "")
        return next(((number, label) for number, label in self.offered if number == choice), ("", ""))

    def answers(self) -> dict:
        return {"service_description": self.cleaned_data["service_description"]}

    @classmethod
    def extra_summary_rows(cls, answers: dict) -> list[tuple[str, str]]:
        label = answers.get("care_service_label", "")
        return [("Registered care service", label)] if label else []


class WhatHappenedForm(StepForm):
    title = "What happened?"
    intro = "Tell us in your own words. You do not need to use formal language."

    what_happened = forms.CharField(
        label="What is wrong, or what happened?",
        help_text=f"You can write as much or as little as you like, up to {MAX_COMPLAINT_LENGTH:,} characters.",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Tell us what happened, or what you are unhappy about."},
    )
    when_it_happened = _text(
        "When did it happen? (optional)",
        hint="For example ‘last Tuesday’, ‘March 2025’ or ‘it is still happening’.",
    )

    def clean_what_happened(self):
        text = self.cleaned_data["what_happened"]
        if len(text) > MAX_COMPLAINT_LENGTH:
            raise ValidationError(
                f"Your complaint must be {MAX_COMPLAINT_LENGTH:,} characters or fewer: it is {len(text):,}. "
                f"Send what you can, and phone us on {settings.CONTACT_PHONE} to tell us the rest."
            )
        return text


class AboutYouForm(StepForm):
    title = "About you"
    intro = "These questions are optional. They help us understand who is affected."

    is_child_or_young_person = forms.ChoiceField(
        label="Are you a child or young person (under 26)?",
        choices=YesNoUnknown.choices,
        required=False,
        widget=RadioSelect,
    )
    relationship = forms.ChoiceField(
        label="How are you connected to the service?",
        choices=Relationship.choices,
        required=False,
        widget=RadioSelect,
    )


class ContactForm(StepForm):
    title = "How can we contact you?"
    intro = (
        "This is optional: you can complain without telling us who you are. "
        "If you do not give contact details we cannot tell you what happens next."
    )

    contact_name = _text("Your name (optional)", autocomplete="name", max_length=200)
    contact_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address like name@example.com."},
    )
    contact_phone = PhoneField(
        label="Phone number (optional)",
        help_text="For example 07700 900 982.",
        widget=_text_input(autocomplete="tel", input_type="tel"),
    )
    preferred_contact = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=ContactMethod.choices,
        required=False,
        widget=RadioSelect,
    )
    consent_to_share_identity = forms.ChoiceField(
        label="Can we tell the care service that the complaint is from you?",
        help_text="It can help the service put things right. If you say no, we will not tell them who you are.",
        choices=[("no", "No, don’t tell them who I am"), ("yes", "Yes, you can tell them it is from me")],
        initial="no",
        required=False,
        widget=RadioSelect,
    )

    def answers(self) -> dict:
        """The answers, and the phone number as typed for the person to see again (`AS_TYPED`)."""
        answers = super().answers()
        typed = (self.data.get("contact_phone") or "").strip()
        return {**answers, "contact_phone" + AS_TYPED: typed if answers["contact_phone"] else ""}

    def clean_consent_to_share_identity(self):
        """Anonymous unless the person says otherwise: no answer is a no."""
        return self.cleaned_data["consent_to_share_identity"] or "no"

    def clean(self):
        cleaned = super().clean()
        preferred = cleaned.get("preferred_contact")
        if (
            preferred == ContactMethod.EMAIL
            and not cleaned.get("contact_email")
            and "contact_email" not in self.errors
        ):
            self.add_error(
                "contact_email", "Enter your email address, or choose another way for us to contact you."
            )
        if (
            preferred in (ContactMethod.PHONE, ContactMethod.TEXT)
            and not cleaned.get("contact_phone")
            and "contact_phone" not in self.errors
        ):
            self.add_error(
                "contact_phone", "Enter your phone number, or choose another way for us to contact you."
            )
        return cleaned


class CheckAnswersForm(StepForm):
    """The last page: only the traps and the send button."""

    title = "Check your answers before sending"


STEPS = {
    "service": ServiceForm,
    "what-happened": WhatHappenedForm,
    "about-you": AboutYouForm,
    "contact": ContactForm,
}
STEP_NAMES = list(STEPS)


class StaffEntryForm(forms.Form):
    """A complaint made by phone, email or letter, typed in by a complaints officer."""

    channel = forms.ChoiceField(
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.EMAIL, Channel.POST)],
        label="How the complaint reached us",
    )
    what_happened = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_COMPLAINT_LENGTH
    )
    when_it_happened = forms.CharField(required=False, max_length=500)
    service_description = forms.CharField(
        required=False, max_length=1000, label="Service (as the person described it)"
    )
    service_number = forms.CharField(
        required=False,
        max_length=20,
        label="Service number (if known)",
        help_text="Links the complaint to the registered service. You can also link it later.",
    )
    is_child_or_young_person = forms.ChoiceField(
        choices=[("", "Not known"), *YesNoUnknown.choices], required=False
    )
    relationship = forms.ChoiceField(choices=[("", "Not known"), *Relationship.choices], required=False)
    contact_name = forms.CharField(required=False, max_length=200)
    contact_email = forms.EmailField(required=False)
    contact_phone = PhoneField(error_messages={"invalid": "Enter a valid phone number."})
    contact_address = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
    preferred_contact = forms.ChoiceField(choices=[("", "Not said"), *ContactMethod.choices], required=False)
    consent_to_share_identity = forms.BooleanField(
        required=False, label="May tell the service who complained"
    )

    def clean_service_number(self):
        typed = self.cleaned_data["service_number"].strip()
        if not typed:
            return ""
        number = normalise_service_number(typed)
        if service_with_number(number) is None:
            raise ValidationError("No care service in the register has this number.")
        return number
