"""Staff screens beside the publication's admin page: withdrawing a publication."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .admin_forms import WithdrawForm
from .models import Publication
from .revisions import can_publish


def withdraw(model_admin, request, object_id):
    """A publisher withdraws a published publication, saying why; its page then says so."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not can_publish(request.user):
        raise PermissionDenied
    publication = get_object_or_404(Publication, pk=unquote(object_id))
    change_url = f"admin:{publication._meta.app_label}_{publication._meta.model_name}_change"
    if publication.status != Publication.Status.PUBLISHED:
        messages.error(request, "Only a published publication can be withdrawn.")
        return redirect(change_url, publication.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        publication.withdraw(form.cleaned_data["reason"], by=request.user)
        messages.success(
            request,
            f"“{publication}” is withdrawn: its page now says so and why, and it offers no downloads.",
        )
        return redirect(change_url, publication.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Withdraw “{publication}”",
        "publication": publication,
        "form": form,
    }
    return TemplateResponse(request, "admin/publications/publication/withdraw.html", context)
