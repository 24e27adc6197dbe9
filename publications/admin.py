"""Editing the library in the admin.

Content editors add and change publications, documents, change notes and
categories, and edit drafts directly; but only Content publishers (who have
``publish_publication``, see the data migrations) change what the public sees:
they set a publication's status and date, publish and unpublish.

An editor who changes a published (or scheduled) publication works on a copy,
"changes to a live publication" (``publications.revisions``): saving it sends
it to the publishers, who publish or discard it in ``revision_admin``; the
public keeps the live version until then. A publisher's own edits go live at
once. Documents and old addresses of a published publication are likewise
read-only to editors outside those changes.
"""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from . import admin_views, revision_admin
from .admin_forms import PublicationAdminForm
from .admin_mixins import KEEP_CHOSEN_FILES, KeepsChosenFiles, document_size
from .models import Category, ChangeNote, Document, Publication, PublicationRevision, SlugHistory
from .revisions import can_publish, edits_wait_for_publisher, open_revision


class DocumentInline(admin.StackedInline):
    """Stacked, a document to a box, so the form fits a laptop screen and errors sit beside their field."""

    model = Document
    extra = 0
    formfield_overrides = KEEP_CHOSEN_FILES
    fields = [
        "title",
        "file",
        ("number", "sort_order"),
        "is_accessible",
        ("file_format", document_size, "page_count", "download_count"),
    ]
    readonly_fields = ["file_format", document_size, "page_count", "download_count"]


class ChangeNoteInline(admin.TabularInline):
    model = ChangeNote
    extra = 0
    fields = ["date", "kind", "text", "major"]


@admin.register(Publication)
class PublicationAdmin(KeepsChosenFiles, admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "changes_waiting", "download_count", "updated_at"]
    list_filter = ["status", "categories"]
    search_fields = ["title", "summary"]
    ordering = ["-download_count"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    form = PublicationAdminForm
    readonly_fields = ["download_count", "withdrawn_at", "withdrawn_reason", "created_at", "updated_at"]
    inlines = [DocumentInline, ChangeNoteInline]
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "categories"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("Downloads", {"fields": ["imported_downloads", "download_count"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    withdrawn_fieldset = ("Withdrawn", {"fields": ["withdrawn_at", "withdrawn_reason"]})

    change_form_template = "admin/publications/publication/change_form.html"

    def get_queryset(self, request):
        waiting = PublicationRevision.objects.open().filter(publication=OuterRef("pk"))
        return super().get_queryset(request).defer("body", "body_html").annotate(has_changes=Exists(waiting))

    @admin.display(description="changes waiting", boolean=True, ordering="has_changes")
    def changes_waiting(self, publication):
        return publication.has_changes

    def get_link_queryset(self, request, site):
        """What the CMS link picker offers (djangocms-link calls this): only what the public can open."""
        return Publication.objects.published()

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        """Published publications are read-only to editors: they change a copy instead."""
        if obj is not None and edits_wait_for_publisher(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        publication = self.get_object(request, unquote(object_id))
        revision = open_revision(publication) if publication is not None else None
        if (
            revision is not None
            and request.method == "GET"
            and edits_wait_for_publisher(request.user, publication)
        ):
            return redirect("admin:publications_publicationrevision_change", revision.pk)
        extra_context = {
            **(extra_context or {}),
            "can_withdraw": publication is not None
            and publication.status == Publication.Status.PUBLISHED
            and can_publish(request.user),
            "open_revision": revision,
            "can_start_revision": publication is not None
            and edits_wait_for_publisher(request.user, publication)
            and super().has_change_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/start-changes/",
                self.admin_site.admin_view(partial(revision_admin.start_changes, self)),
                name="publications_publication_start_changes",
            ),
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(partial(admin_views.withdraw, self)),
                name="publications_publication_withdraw",
            ),
        ]
        return own + super().get_urls()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Publication.Status.WITHDRAWN:
            return [*fieldsets[:3], self.withdrawn_fieldset, *fieldsets[3:]]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]
        return fields

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request) and {"status", "published_at"} & set(form.changed_data):
            raise PermissionDenied("Only content publishers can publish or schedule publications.")
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish now (or keep the scheduled date)", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        for publication in queryset:
            publication.status = Publication.Status.PUBLISHED
            publication.published_at = publication.published_at or now
            publication.save()
        messages.success(request, f"Published {queryset.count()} publication(s).")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        for publication in queryset:
            publication.status = Publication.Status.DRAFT
            publication.save()
        messages.success(request, f"Unpublished {queryset.count()} publication(s).")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "path", "parent", "ordering"]
    list_select_related = ["parent"]
    search_fields = ["name", "path"]
    ordering = ["path"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["path"]
    fields = ["name", "slug", "parent", "description", "ordering", "path"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "publication",
        "file_format",
        document_size,
        "page_count",
        "is_accessible",
        "download_count",
    ]
    list_select_related = ["publication"]
    list_filter = ["file_format", "is_accessible"]
    search_fields = ["title", "number", "publication__title"]
    ordering = ["-download_count"]
    readonly_fields = ["file_format", "content_type", document_size, "page_count", "download_count"]
    autocomplete_fields = ["publication"]

    def has_add_permission(self, request):
        # Editors add documents on the publication's page, where a live one's wait for a publisher.
        return super().has_add_permission(request) and can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and edits_wait_for_publisher(request.user, obj.publication):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and edits_wait_for_publisher(request.user, obj.publication):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if can_publish(request.user) else [*fields, "publication"]


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "publication", "changed_at"]
    list_select_related = ["publication"]
    search_fields = ["old_slug", "publication__title"]
    autocomplete_fields = ["publication"]

    # An old address redirects the public, so only publishers add or change one.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_publish(request.user)
