"""Editing the library in the admin.

Content editors add and change publications, documents, change notes and
categories, but a publication's status and publication date are read-only to
them: publishing, scheduling and unpublishing need the ``publish_publication``
permission, which the Content publisher group has (see the data migration).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Category, ChangeNote, Document, Publication, SlugHistory

PUBLISH_PERMISSION = "publications.publish_publication"


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = [
        "sort_order",
        "number",
        "title",
        "file",
        "is_accessible",
        "file_format",
        "file_size",
        "page_count",
        "download_count",
    ]
    readonly_fields = ["file_format", "file_size", "page_count", "download_count"]


class ChangeNoteInline(admin.TabularInline):
    model = ChangeNote
    extra = 0
    fields = ["date", "kind", "text"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "download_count", "updated_at"]
    list_filter = ["status", "categories"]
    search_fields = ["title", "summary"]
    ordering = ["-download_count"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["categories"]
    readonly_fields = ["download_count", "created_at", "updated_at"]
    inlines = [DocumentInline, ChangeNoteInline]
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "categories"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("Downloads", {"fields": ["imported_downloads", "download_count"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "body_html")

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

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
        "file_size",
        "page_count",
        "is_accessible",
        "download_count",
    ]
    list_select_related = ["publication"]
    list_filter = ["file_format", "is_accessible"]
    search_fields = ["title", "number", "publication__title"]
    ordering = ["-download_count"]
    readonly_fields = ["file_format", "content_type", "file_size", "page_count", "download_count"]
    autocomplete_fields = ["publication"]


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "publication", "changed_at"]
    list_select_related = ["publication"]
    search_fields = ["old_slug", "publication__title"]
    autocomplete_fields = ["publication"]
