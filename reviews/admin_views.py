"""The review screens: submit a draft, the publishers' queue, a request's page and its decisions.

Each view takes the ReviewRequestAdmin that serves it (admin.py wires the
URLs behind ``admin_view``), checks the person's permissions itself, and
changes state only by POST through ``reviews.services``.
"""

from cms.models import PageContent
from cms.toolbar.utils import get_object_preview_url
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from publications.models import Publication, PublicationRevision

from . import services
from .comparison import compare
from .forms import CommentForm, NoteForm
from .models import ReviewRequest

ITEMS = {
    "page": lambda: PageContent.admin_manager.select_related("page"),
    "revision": lambda: PublicationRevision.objects.select_related("publication"),
    "publication": lambda: Publication.objects.all(),
}


def _page(model_admin, request, template, title, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        **context,
    }
    return TemplateResponse(request, f"admin/reviews/{template}", context)


def draft_url(item) -> str:
    """Where staff open the draft itself."""
    if isinstance(item, PageContent):
        return get_object_preview_url(item)
    if isinstance(item, PublicationRevision):
        return reverse("admin:publications_publicationrevision_change", args=[item.pk])
    return reverse("admin:publications_publication_change", args=[item.pk])


def submit_url(item) -> str:
    kind = {PageContent: "page", PublicationRevision: "revision", Publication: "publication"}[type(item)]
    return reverse("admin:reviews_submit", args=[kind, item.pk])


def queue(model_admin, request):
    """Drafts waiting for a publisher, pages and publications together, oldest first."""
    if not (model_admin.has_view_permission(request) and services.can_decide(request.user)):
        raise PermissionDenied
    return _page(
        model_admin, request, "queue.html", "Waiting for review", reviews=ReviewRequest.objects.waiting()
    )


def submit_for_review(model_admin, request, kind, object_id):
    """An editor sends a draft to the publishers with a note (or sends a sent-back draft again)."""
    if kind not in ITEMS:
        raise Http404
    item = get_object_or_404(ITEMS[kind](), pk=object_id)
    if not services.can_submit(request.user, item):
        raise PermissionDenied
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.submit(item, request.user, form.cleaned_data["note"])
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Sent “{review.title}” for review. A content publisher will look at it."
            )
            return redirect("admin:reviews_reviewrequest_change", review.pk)
    return _page(
        model_admin,
        request,
        "submit.html",
        f"Send “{services.title_of(item)}” for review",
        item=item,
        form=form,
        problem=services.waiting_problem(item),
        open_review=ReviewRequest.objects.for_item(item).open().first(),
        rows=compare(item),
        draft_url=draft_url(item),
    )


def _review_or_403(model_admin, request, object_id) -> ReviewRequest:
    """Publishers see every request, editors their own; others learn nothing, not even that it exists."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    review = get_object_or_404(
        ReviewRequest.objects.select_related("submitted_by", "decided_by"), pk=object_id
    )
    if not (services.can_decide(request.user) or review.submitted_by_id == request.user.pk):
        raise PermissionDenied
    return review


def review_page(model_admin, request, object_id, *, comment_form=None, note_form=None, status=200):
    """The comparison, the decision buttons and the log of one request."""
    review = _review_or_403(model_admin, request, object_id)
    item = review.item
    is_submitter = review.submitted_by_id == request.user.pk
    response = _page(
        model_admin,
        request,
        "review.html",
        str(review),
        review=review,
        item=item,
        rows=compare(item) if item is not None and review.is_open else [],
        draft_url=draft_url(item) if item is not None else "",
        events=review.events.select_related("by"),
        can_decide=services.can_decide(request.user, review.kind) and review.state == review.State.WAITING,
        can_resubmit=is_submitter and review.state == review.State.SENT_BACK and item is not None,
        can_withdraw=is_submitter and review.is_open,
        comment_form=comment_form or CommentForm(),
        note_form=note_form or NoteForm(initial={"note": review.note}),
    )
    response.status_code = status
    return response


def _post_only(view):
    def wrapper(model_admin, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(model_admin, request, object_id)

    return wrapper


@_post_only
def publish(model_admin, request, object_id):
    review = _review_or_403(model_admin, request, object_id)
    if not services.can_decide(request.user, review.kind):
        raise PermissionDenied
    try:
        services.publish(review, request.user)
    except services.NotAllowed:
        raise
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect("admin:reviews_reviewrequest_change", review.pk)
    messages.success(request, f"Published “{review.title}”: the public sees it now.")
    return redirect("admin:reviews_queue")


@_post_only
def send_back(model_admin, request, object_id):
    review = _review_or_403(model_admin, request, object_id)
    if not services.can_decide(request.user, review.kind):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if not form.is_valid():
        return review_page(model_admin, request, object_id, comment_form=form, status=400)
    try:
        services.send_back(review, request.user, form.cleaned_data["comment"])
    except services.NotAllowed:
        raise
    except services.ReviewError as error:
        messages.error(request, str(error))
        return redirect("admin:reviews_reviewrequest_change", review.pk)
    messages.success(
        request, f"Sent “{review.title}” back to {review.submitted_by or 'its editor'} with your comment."
    )
    return redirect("admin:reviews_queue")


@_post_only
def resubmit(model_admin, request, object_id):
    review = _review_or_403(model_admin, request, object_id)
    if review.submitted_by_id != request.user.pk or review.item is None:
        raise PermissionDenied
    form = NoteForm(request.POST)
    if not form.is_valid():
        return review_page(model_admin, request, object_id, note_form=form, status=400)
    try:
        services.submit(review.item, request.user, form.cleaned_data["note"])
    except services.NotAllowed:
        raise
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sent “{review.title}” for review again.")
    return redirect("admin:reviews_reviewrequest_change", review.pk)


@_post_only
def withdraw(model_admin, request, object_id):
    review = _review_or_403(model_admin, request, object_id)
    try:
        services.withdraw(review, request.user)
    except services.NotAllowed:
        raise
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Withdrew “{review.title}” from review; the draft stays a draft.")
    return redirect("admin:reviews_reviewrequest_change", review.pk)
