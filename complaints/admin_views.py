"""The complaints admin's own pages: reveal contact details, statistics, enter a complaint.

Each takes the ComplaintAdmin that serves it (admin.py wires the URLs), so its
permission checks and page chrome are the admin's own.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from . import services
from .contact import display_phone
from .forms import StaffEntryForm
from .models import AccessLog, Channel, Complaint, Outcome, Referral, ReferralDestination, Risk
from .services import IncomingMessage


def _page(model_admin, request, template, title, **context):
    """An admin page with the site's chrome and the Complaint model's breadcrumbs."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        **context,
    }
    return TemplateResponse(request, f"admin/complaints/complaint/{template}", context)


def reveal_contact(model_admin, request, object_id):
    """The complainant's contact details in full: only by POST, and logged."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # Permission first: an outsider must not learn which complaints exist from a 404.
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    complaint = get_object_or_404(Complaint, pk=object_id)
    if not model_admin.has_view_permission(request, complaint):
        raise PermissionDenied
    AccessLog.objects.create(user=request.user, complaint=complaint, action=AccessLog.Action.REVEALED_CONTACT)
    response = _page(
        model_admin,
        request,
        "reveal_contact.html",
        f"Contact details for {complaint.display_reference}",
        complaint=complaint,
        phone=display_phone(complaint.contact_phone) if complaint.contact_phone else "",
        messages_from=sorted({m.sender for m in complaint.messages.all() if m.sender}),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def statistics(model_admin, request):
    """Counts by channel, month, service type, outcome, risk assessment and referral: no personal data."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    complaints = Complaint.objects.all()
    channel_labels = dict(Channel.choices)
    outcome_labels = dict(Outcome.choices)
    risk_labels = dict(Risk.choices)
    destination_labels = dict(ReferralDestination.choices)
    return _page(
        model_admin,
        request,
        "statistics.html",
        "Complaints statistics",
        total=complaints.count(),
        by_channel=[(channel_labels.get(v, v), n) for v, n in complaints.count_by("channel")],
        by_month=complaints.count_by_month(),
        by_service_type=[(v or "Not recorded", n) for v, n in complaints.count_by_service_type()],
        by_outcome=[
            (outcome_labels.get(v) or "No outcome yet", n) for v, n in complaints.count_by("outcome")
        ],
        by_risk=[(risk_labels.get(v) or "Not assessed yet", n) for v, n in complaints.count_by("risk")],
        flagged=complaints.filter(risk_flagged_at__isnull=False).count(),
        by_referral=[
            (destination_labels.get(row["destination"], row["destination"]), row["count"])
            for row in Referral.objects.values("destination")
            .annotate(count=Count("id"))
            .order_by("destination")
        ],
    )


def enter_complaint(model_admin, request):
    """Staff enter phone, email and letter complaints through the same service as the public."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = StaffEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details = dict(form.cleaned_data)
        incoming = IncomingMessage(
            channel=details.pop("channel"),
            body=details.pop("what_happened"),
            entered_by=request.user,
            service_number=details.pop("service_number"),
            details=details,
        )
        try:
            receipt = services.receive_complaint(incoming)
        except (ValidationError, DatabaseError) as error:
            model_admin.message_user(request, f"The complaint was not saved: {error}", messages.ERROR)
        else:
            model_admin.message_user(request, f"Complaint {receipt.reference} saved.", messages.SUCCESS)
            return redirect("admin:complaints_complaint_change", receipt.complaint.pk)
    return _page(
        model_admin,
        request,
        "enter_complaint.html",
        "Enter a complaint made by phone, email or post",
        form=form,
    )
