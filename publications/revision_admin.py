"""Changes to live publications in the admin: editors edit them, publishers publish or discard them.

The workflow itself is in ``publications.revisions``; this module is its staff
screens. ``admin.py`` wires ``start_changes`` onto the publication's page.
"""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .admin_forms import PublicationRevisionAdminForm
from .admin_mixins import KEEP_CHOSEN_FILES, KeepsChosenFiles, document_size
from .models import ProposedChangeNote, ProposedDocument, Publication, PublicationEvent, PublicationRevision
from .revisions import (
    RevisionError,
    can_publish,
    describe_changes,
    discard_revision,
    edits_wait_for_publisher,
    publish_revision,
    record_save,
    start_revision,
)

WAITING_MESSAGE = (
    "Saved. A content publisher will publish your changes; until then the public sees the live version."
)


class OpenRevisionInline:
    """Rows of a published or discarded revision are the record: nobody edits them."""

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.is_open) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_open) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_open) and super().has_delete_permission(request, obj)


class ProposedDocumentInline(OpenRevisionInline, admin.StackedInline):
    """Laid out as on the publication's own page: a box a document, fitting a laptop screen."""

    model = ProposedDocument
    extra = 0
    formfield_overrides = KEEP_CHOSEN_FILES
    fields = [
        "title",
        "file",
        ("number", "sort_order"),
        "is_accessible",
        ("file_format", document_size, "page_count"),
    ]
    readonly_fields = ["file_format", document_size, "page_count"]


class ProposedChangeNoteInline(OpenRevisionInline, admin.TabularInline):
    model = ProposedChangeNote
    extra = 0
    fields = ["date", "kind", "text", "major"]


class StateFilter(admin.SimpleListFilter):
    """Opens on what still waits: that is the publishers' queue."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("open", "Not yet published"),
            ("published", "Published"),
            ("discarded", "Discarded"),
            ("all", "All"),
        ]

    def value(self):
        return super().value() or "open"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() in ("published", "discarded"):
            return queryset.filter(status=self.value())
        return queryset


@admin.register(PublicationRevision)
class PublicationRevisionAdmin(KeepsChosenFiles, admin.ModelAdmin):
    list_display = ["__str__", "status", "created_by", "updated_at"]
    list_filter = [StateFilter]
    list_select_related = ["publication", "created_by"]
    search_fields = ["publication__title", "title"]
    form = PublicationRevisionAdminForm
    inlines = [ProposedDocumentInline, ProposedChangeNoteInline]
    actions = ["publish_selected", "discard_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "categories"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Downloads", {"fields": ["imported_downloads"]}),
    ]
    change_form_template = "admin/publications/publicationrevision/change_form.html"

    def has_add_permission(self, request):
        return False  # started from the publication's own page, as a copy of it

    def has_delete_permission(self, request, obj=None):
        return False  # discarded instead, so the record keeps them

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_open) and super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_save(obj, request.user)
        if not can_publish(request.user):
            messages.info(request, WAITING_MESSAGE)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, unquote(object_id))
        if revision is not None:
            extra_context = {
                **(extra_context or {}),
                "title": "Changes to a live publication",
                "changes": describe_changes(revision),
                "events": revision.events.select_related("by"),
                "can_publish": can_publish(request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Changes to live publications", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(partial(decide, self, publish=True)),
                name="publications_publicationrevision_publish",
            ),
            path(
                "<path:object_id>/discard/",
                self.admin_site.admin_view(partial(decide, self, publish=False)),
                name="publications_publicationrevision_discard",
            ),
        ]
        return own + super().get_urls()

    @admin.action(description="Publish the selected changes", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._decide_each(request, queryset, publish_revision, "Published")

    @admin.action(description="Discard the selected changes", permissions=["publish"])
    def discard_selected(self, request, queryset):
        self._decide_each(request, queryset, discard_revision, "Discarded")

    def _decide_each(self, request, queryset, decide_one, verb):
        done = 0
        for revision in queryset.select_related("publication"):
            try:
                decide_one(revision, request.user)
                done += 1
            except RevisionError as error:
                messages.error(request, f"{revision}: {error}")
        messages.success(request, f"{verb} {done} set(s) of changes.")


@admin.register(PublicationEvent)
class PublicationEventAdmin(admin.ModelAdmin):
    """The publishing record: read-only, for everyone who edits the library."""

    list_display = ["at", "kind", "publication", "by"]
    list_filter = ["kind"]
    list_select_related = ["publication", "by"]
    search_fields = ["publication__title"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def start_changes(model_admin, request, object_id):
    """An editor starts changing a live publication: a copy, or the copy already open."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    publication = get_object_or_404(Publication, pk=unquote(object_id))
    if not model_admin.has_view_permission(request, publication):
        raise PermissionDenied
    if not edits_wait_for_publisher(request.user, publication):
        return redirect("admin:publications_publication_change", publication.pk)
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    revision = start_revision(publication, request.user)
    return redirect("admin:publications_publicationrevision_change", revision.pk)


def decide(model_admin, request, object_id, *, publish):
    """Confirm, then publish or discard waiting changes. Publishers only."""
    if not can_publish(request.user):
        raise PermissionDenied
    revision = get_object_or_404(
        PublicationRevision.objects.select_related("publication"), pk=unquote(object_id)
    )
    if not revision.is_open:
        raise Http404("These changes were published or discarded already.")
    if request.method == "POST":
        try:
            if publish:
                publish_revision(revision, request.user)
            else:
                discard_revision(revision, request.user)
        except RevisionError as error:
            messages.error(request, str(error))
            return redirect("admin:publications_publicationrevision_change", revision.pk)
        if publish:
            messages.success(
                request, f"Published: the public now sees the changes to “{revision.publication}”."
            )
            return redirect("admin:publications_publication_change", revision.publication_id)
        messages.success(
            request, f"Discarded the changes to “{revision.publication}”; the live version stays."
        )
        return redirect("admin:publications_publicationrevision_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{'Publish' if publish else 'Discard'} the changes to “{revision.publication}”?",
        "opts": model_admin.opts,
        "revision": revision,
        "publish": publish,
        "changes": describe_changes(revision),
        "cancel_url": reverse("admin:publications_publicationrevision_change", args=[revision.pk]),
    }
    return TemplateResponse(request, "admin/publications/publicationrevision/confirm.html", context)
