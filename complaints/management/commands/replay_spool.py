"""Store the Twilio messages spooled to disk while the database was down, each exactly once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import DataError
from django.utils.dateparse import parse_datetime

from complaints import services, spool
from complaints.models import Channel, MessageProvider
from complaints.services import IncomingMessage


def store_spooled_message(record: dict) -> None:
    """Idempotent by message id, so a line replayed twice is stored once.

    The person already had a "we got it" reply, so their reference goes out
    through the outbox now.
    """
    incoming = IncomingMessage(
        channel=Channel.TEXT,
        body=str(record.get("body") or ""),
        provider=str(record.get("provider") or MessageProvider.TWILIO),
        provider_message_id=str(record.get("message_id") or ""),
        sender=str(record.get("from") or ""),
        received_at=parse_datetime(str(record.get("received_at") or "")),
    )
    try:
        services.receive_text_message(incoming, reply_inline=False)
    except (ValidationError, DataError) as error:
        # This line can never be stored as it is: keep it for a person instead of blocking the rest.
        spool.reject(record, reason=str(error))


class Command(BaseCommand):
    help = (
        "Store Twilio messages spooled while the database was unavailable (safe to run from several workers)."
    )

    def handle(self, *args, **options):
        result = spool.replay(store_spooled_message)
        if result.busy:
            self.stdout.write("Another worker is replaying the spool.")
            return
        if result.database_unavailable:
            self.stderr.write("The database is still unavailable; the spool is kept for the next run.")
        self.stdout.write(f"Spooled messages stored: {result.stored}; rejected: {result.rejected}")
