"""Review requests and the review log in the admin.

The request's own page (the comparison, Publish, Send back) replaces the
model's change form; the queue, the submit form and the decisions are in
``admin_views``. Editors see only their own requests ("My review requests").
"""

from functools import partial

from django.contrib import admin
from django.urls import path

from . import admin_views
from .models import ReviewEvent, ReviewRequest
from .services import can_decide


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "submitted_by", "submitted_at", "decided_by", "comment"]
    list_filter = ["state", "kind"]
    list_select_related = ["submitted_by", "decided_by"]
    search_fields = ["title", "note", "comment"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if can_decide(request.user) else queryset.for_user(request.user)

    def has_add_permission(self, request):
        return False  # sent from the draft itself, with a note

    def has_change_permission(self, request, obj=None):
        return False  # decided on the request's page, never edited

    def has_delete_permission(self, request, obj=None):
        return False  # the history of what was published

    def changelist_view(self, request, extra_context=None):
        title = "Review requests" if can_decide(request.user) else "My review requests"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin_views.review_page(self, request, object_id)

    def get_urls(self):
        def view(function, name, route):
            return path(route, self.admin_site.admin_view(partial(function, self)), name=name)

        own = [
            view(admin_views.queue, "reviews_queue", "queue/"),
            view(admin_views.submit_for_review, "reviews_submit", "submit/<str:kind>/<int:object_id>/"),
            view(admin_views.publish, "reviews_reviewrequest_publish", "<int:object_id>/publish/"),
            view(admin_views.send_back, "reviews_reviewrequest_send_back", "<int:object_id>/send-back/"),
            view(admin_views.resubmit, "reviews_reviewrequest_resubmit", "<int:object_id>/resubmit/"),
            view(admin_views.withdraw, "reviews_reviewrequest_withdraw", "<int:object_id>/withdraw/"),
        ]
        return own + super().get_urls()


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """The review log: read-only, every transition with who and when."""

    list_display = ["at", "action", "request", "kind", "by", "comment"]
    list_filter = ["action", "request__kind"]
    list_select_related = ["request", "by"]
    search_fields = ["request__title", "comment"]
    date_hierarchy = "at"

    @admin.display(description="kind", ordering="request__kind")
    def kind(self, event):
        return event.request.get_kind_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
