from django import forms

from complaints.forms import RadioSelect

from .models import Frequency

FREQUENCY_ERROR = "Select how often you want emails"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send you an email to confirm it is yours.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        widget=RadioSelect,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )


class FrequencyForm(forms.Form):
    """On the manage page: one subscription's frequency (prefixed with its id, so each has its own ids)."""

    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        widget=RadioSelect,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )
