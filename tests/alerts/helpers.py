"""Shared by the alerts tests: a major change, the outbox's alert emails, links in a body."""

import re
from urllib.parse import urlsplit

from django.core import mail

from complaints.models import OutboxMessage
from complaints.notifier import send_due_messages
from publications.factories import ChangeNoteFactory

LINK = re.compile(r"https?://\S+")


def major_change(publication, text="We added a section on medicines.", **fields):
    return ChangeNoteFactory(publication=publication, text=text, major=True, **fields)


def alert_emails(**filters):
    """What the outbox holds for alerts (complaint emails have a complaint)."""
    return list(
        OutboxMessage.objects.filter(
            complaint__isnull=True, kind=OutboxMessage.Kind.EMAIL, **filters
        ).order_by("pk")
    )


def links_in(body: str) -> list[str]:
    return LINK.findall(body)


def path_of(url: str) -> str:
    return urlsplit(url).path


def deliver():
    """Run the outbox worker until nothing is due; return what Django's test mailbox holds."""
    while any(send_due_messages().values()):
        pass
    return mail.outbox


def words(text: str) -> str:
    """The text with its line wrapping undone, to look for a sentence in it."""
    return " ".join(text.split())
