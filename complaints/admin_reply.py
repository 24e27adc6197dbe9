"""Officers text back: the reply screen for a complaint that came by text.

The officer sees the number masked, writes the message and sends it; it goes
into the outbox (sent once by the worker, to the same number) and into the
conversation. admin.py wires the URL; the ComplaintAdmin's permissions apply.
"""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from .admin_views import _page
from .contact import mask_phone
from .conversation import MAX_REPLY_LENGTH, ReplyRefused, reply_number, send_officer_reply
from .models import Complaint
from .roles import is_complaints_officer


class OfficerReplyForm(forms.Form):
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_REPLY_LENGTH,
        strip=True,
        help_text=f"Plain words; at most {MAX_REPLY_LENGTH:,} characters. Long texts arrive in parts.",
        error_messages={
            "required": "Write the message to send.",
            "max_length": f"The message must be {MAX_REPLY_LENGTH:,} characters or fewer "
            "(it has %(show_value)d).",
        },
    )
    # A new key for each form shown: sending the same form twice sends one text.
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


def reply_by_text(model_admin, request, object_id):
    """GET shows the form (or why no reply is possible); POST queues the text."""
    # Permission first: an outsider must not learn which complaints exist from a 404.
    if not (is_complaints_officer(request.user) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    complaint = get_object_or_404(Complaint, pk=object_id)
    if not model_admin.has_change_permission(request, complaint):
        raise PermissionDenied
    change_url = "admin:complaints_complaint_change"
    try:
        number = reply_number(complaint)
    except ReplyRefused as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
        return redirect(change_url, complaint.pk)
    form = OfficerReplyForm(request.POST or None, initial={"key": secrets.token_urlsafe(16)})
    if request.method == "POST" and form.is_valid():
        try:
            send_officer_reply(complaint, form.cleaned_data["message"], request_key=form.cleaned_data["key"])
        except ReplyRefused as refusal:
            model_admin.message_user(request, str(refusal), messages.ERROR)
        else:
            model_admin.message_user(request, "Your text is queued to send.", messages.SUCCESS)
        return redirect(change_url, complaint.pk)
    response = _page(
        model_admin,
        request,
        "reply_by_text.html",
        f"Reply by text to {complaint.display_reference}",
        complaint=complaint,
        form=form,
        masked_number=mask_phone(number),
    )
    response.headers["Cache-Control"] = "no-store"
    return response
