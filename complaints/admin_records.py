"""The superusers' read-only records beside the complaints: who looked at what, and what the worker sent.

Registered in admin.py. Neither shows a complainant's contact details.
"""

from django.contrib import admin

from .admin_access import SuperusersOnlyReadOnly
from .contact import mask_email, mask_phone
from .models import OutboxMessage


class AccessLogAdmin(SuperusersOnlyReadOnly, admin.ModelAdmin):
    """Read-only, for superusers: the record of who looked at what."""

    list_display = ["at", "user", "action", "complaint"]
    list_filter = ["action"]
    list_select_related = ["user", "complaint"]
    date_hierarchy = "at"


class OutboxMessageAdmin(SuperusersOnlyReadOnly, admin.ModelAdmin):
    """Read-only, for superusers: what the worker sent, and what it could not; never to whom."""

    list_display = ["created_at", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    fields = readonly_fields = [
        "complaint",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "error",
        "created_at",
        "sent_at",
    ]

    @admin.display(description="Last error")
    def error(self, message):
        """The provider's error, which often quotes the number or address: masked here too."""
        mask = mask_phone if message.kind == OutboxMessage.Kind.SMS else mask_email
        return message.last_error.replace(message.to, mask(message.to)) if message.to else message.last_error
