"""What we say back, by text and email. Short and plain: many readers are young people."""

from django.conf import settings

from .models import ACKNOWLEDGE_WITHIN_WORKING_DAYS
from .ombudsman import final_stage_sentence

URGENT_HELP = "In danger now? Call 999. Childline: 0800 1111."


def acknowledgement_sms(reference: str) -> str:
    return (
        f"Care Inspectorate: thank you, we got your complaint. Your reference is {reference}. "
        f"We will be in touch within {ACKNOWLEDGE_WITHIN_WORKING_DAYS} working days. {URGENT_HELP}"
    )


def added_to_complaint_sms(reference: str) -> str:
    return f"Care Inspectorate: thank you, we added this to your complaint {reference}. {URGENT_HELP}"


def spooled_sms() -> str:
    return (
        "Care Inspectorate: thank you, we got your message. We will text you your reference soon. "
        f"{URGENT_HELP}"
    )


def help_sms() -> str:
    return (
        "Care Inspectorate: text us what is wrong with your care and we will reply with a reference. "
        f"You can also call {settings.CONTACT_PHONE}. {URGENT_HELP} Text STOP to stop our replies."
    )


def stop_sms() -> str:
    return "Care Inspectorate: you will not get any more texts from us. Text START to get them again."


def start_sms() -> str:
    return "Care Inspectorate: you will get our replies again. Text HELP to find out how this works."


def status_sms(reference: str, stage: str, next_date) -> str:
    when = f" Next date: {next_date:%-d %B %Y}." if next_date else ""
    return f"Care Inspectorate: complaint {reference}: {stage}.{when}"


def status_not_found_sms() -> str:
    return (
        "Care Inspectorate: we cannot give an update on that reference from this phone. "
        f"Check the reference, or call {settings.CONTACT_PHONE}. {URGENT_HELP}"
    )


def acknowledgement_email(reference: str) -> tuple[str, str]:
    subject = f"Your complaint to the Care Inspectorate: {reference}"
    body = (
        "Thank you for telling us about your concern.\n\n"
        f"Your reference is {reference}. Please quote it if you contact us.\n\n"
        "What happens next: a complaints officer will read what you told us and contact you "
        f"within {ACKNOWLEDGE_WITHIN_WORKING_DAYS} working days to talk about what we can do.\n\n"
        f"If you want to add something, call us on {settings.CONTACT_PHONE}.\n\n"
        "If someone is in danger now, call 999. Children and young people can talk to Childline "
        "on 0800 1111.\n\n"
        "Care Inspectorate\n"
    )
    return subject, body


def _outcome_words(outcome: str) -> str:
    return f" Outcome: {outcome.lower()}." if outcome else ""


def closing_sms(reference: str, outcome: str) -> str:
    return (
        f"Care Inspectorate: we have finished working on your complaint {reference}."
        f"{_outcome_words(outcome)} {final_stage_sentence()}"
    )


def closing_email(reference: str, outcome: str) -> tuple[str, str]:
    subject = f"We have finished working on your complaint: {reference}"
    body = (
        f"We have finished working on your complaint, reference {reference}.{_outcome_words(outcome)}\n\n"
        "Your complaints officer will have told you, or will tell you, what we found and what happens "
        f"next. If you have questions, call us on {settings.CONTACT_PHONE} and quote your reference.\n\n"
        f"{final_stage_sentence()}\n\n"
        "Care Inspectorate\n"
    )
    return subject, body
