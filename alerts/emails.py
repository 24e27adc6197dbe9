"""What alert emails say, as outbox messages (the outbox worker sends them over SMTP).

Plain text only, lines kept short, every link absolute (settings.SITE_URL). Each
email about a change, and each summary, ends with the links to manage and to stop
all alerts, and carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) so
mail apps can offer one-click unsubscribe. Its Message-ID is fixed by what it is,
so a copy sent again after a crash is recognisable as the same email.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from complaints.models import OutboxMessage

from .models import CONFIRM_WITHIN, Announcement, Frequency, Subscriber, Subscription

ONE_CLICK = "List-Unsubscribe=One-Click"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _subject(text: str) -> str:
    """One line (a header cannot hold a line break), as long as the outbox keeps."""
    return " ".join(text.split())[:200]


def _email(to: str, subject: str, body: str, headers: dict | None = None) -> OutboxMessage:
    return OutboxMessage(
        kind=OutboxMessage.Kind.EMAIL, to=to, subject=_subject(subject), body=body, headers=headers or {}
    )


def _footer_context(subscriber: Subscriber) -> dict:
    return {
        "manage_url": absolute(subscriber.manage_path()),
        "stop_url": absolute(subscriber.unsubscribe_path()),
        "site_name": settings.SITE_NAME,
    }


def list_headers(subscriber: Subscriber, message_key: str) -> dict:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return {
        "List-Unsubscribe": f"<{absolute(subscriber.unsubscribe_path())}>",
        "List-Unsubscribe-Post": ONE_CLICK,
        "Message-ID": f"<{message_key}@{host}>",
    }


def frequency_words(frequency: str) -> str:
    return Frequency(frequency).label.split(":")[0]


def confirmation_email(subscription: Subscription, token: str) -> OutboxMessage:
    context = {
        "site_name": settings.SITE_NAME,
        "topic_title": subscription.topic.title,
        "frequency": frequency_words(subscription.frequency),
        "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
        "confirm_days": CONFIRM_WITHIN.days,
    }
    return _email(
        subscription.subscriber.email,
        f"Confirm that you want emails from the {settings.SITE_NAME}",
        render_to_string("alerts/email/confirm.txt", context),
    )


def already_subscribed_email(subscription: Subscription) -> OutboxMessage:
    context = {
        "site_name": settings.SITE_NAME,
        "topic_title": subscription.topic.title,
        "frequency": frequency_words(subscription.frequency),
        "manage_url": absolute(subscription.subscriber.manage_path()),
    }
    return _email(
        subscription.subscriber.email,
        f"You already get emails about {subscription.topic.title}",
        render_to_string("alerts/email/already_subscribed.txt", context),
    )


def change_email(
    announcement: Announcement, subscriber: Subscriber, topic_titles: list[str]
) -> OutboxMessage:
    context = {
        "announcement": announcement,
        "url": absolute(announcement.path),
        "topic_titles": topic_titles,
        **_footer_context(subscriber),
    }
    return _email(
        subscriber.email,
        announcement.subject,
        render_to_string("alerts/email/change.txt", context),
        list_headers(subscriber, f"alert-{announcement.pk}-{subscriber.pk}"),
    )


def digest_email(
    subscriber: Subscriber,
    *,
    frequency: str,
    period: str,
    period_words: str,
    announcements: list[Announcement],
    topic_titles: list[str],
) -> OutboxMessage:
    count = len(announcements)
    changes = f"{count} change{'s' if count != 1 else ''}"
    word = "daily" if frequency == Frequency.DAILY else "weekly"
    context = {
        "intro": f"{changes} {period_words} to what you follow on the {settings.SITE_NAME} website.",
        "items": [
            {"subject": item.subject, "text": item.text, "url": absolute(item.path)} for item in announcements
        ],
        "frequency_word": word,
        "topic_titles": topic_titles,
        **_footer_context(subscriber),
    }
    return _email(
        subscriber.email,
        f"Your {word} email alert: {changes} {period_words}",
        render_to_string("alerts/email/digest.txt", context),
        list_headers(subscriber, f"summary-{frequency}-{period}-{subscriber.pk}"),
    )
