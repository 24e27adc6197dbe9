"""Email alerts in the staff site.

Addresses are personal data: "Subscribers (email addresses)" needs
``alerts.view_subscriber``, which only the Alerts officer group has (migration
0002). Publishers and registry officers see how many people follow each topic, at
each frequency, and which alerts went out, never who gets them. Neither list
accepts a hand-made filter through the subscribers (Django refuses lookups across
relations that no list filter offers), so no count can be narrowed to an address.
"""

from django.contrib import admin
from django.db.models import Count, Q

from .models import Announcement, Subscriber, Subscription, Topic
from .subscriptions import forget_subscribers


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site keeps itself: staff read them, nobody adds or edits them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["topic", "frequency", "created_at", "confirmed_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("topic__category", "topic__service")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ["email", "created_at", "confirmed_subscriptions"]
    search_fields = ["email"]
    fields = ["email", "created_at"]
    readonly_fields = fields
    inlines = [SubscriptionInline]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        confirmed = Count("subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False))
        return super().get_queryset(request).annotate(confirmed_count=confirmed)

    @admin.display(description="confirmed subscriptions", ordering="confirmed_count")
    def confirmed_subscriptions(self, subscriber):
        return subscriber.confirmed_count

    def delete_model(self, request, obj):
        """With the emails still waiting to go to them."""
        forget_subscribers(Subscriber.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        forget_subscribers(queryset)


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "confirmed", "immediately", "daily", "weekly", "waiting"]
    list_filter = ["kind"]
    search_fields = ["category__name", "service__name", "service__service_number"]
    fields = ["kind", "category", "service", "created_at"]
    readonly_fields = fields

    def get_ordering(self, request):
        return ["-confirmed_count", "pk"]

    def get_queryset(self, request):
        # Annotated before it is ordered by the annotation (ModelAdmin's own orders before it returns).
        topics = Topic.objects.select_related("category", "service").with_counts()
        return topics.order_by(*self.get_ordering(request))

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="subscribers", ordering="confirmed_count")
    def confirmed(self, topic):
        return topic.confirmed_count

    @admin.display(description="straight away", ordering="immediately_count")
    def immediately(self, topic):
        return topic.immediately_count

    @admin.display(description="daily", ordering="daily_count")
    def daily(self, topic):
        return topic.daily_count

    @admin.display(description="weekly", ordering="weekly_count")
    def weekly(self, topic):
        return topic.weekly_count

    @admin.display(description="not yet confirmed", ordering="waiting_count")
    def waiting(self, topic):
        return topic.waiting_count


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    list_display = ["subject", "kind", "created_at", "emailed"]
    list_filter = ["kind", "first_run"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    fields = ["kind", "subject", "title", "text", "path", "created_at", "first_run"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(emailed_count=Count("emails"))

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="emails straight away", ordering="emailed_count")
    def emailed(self, announcement):
        return announcement.emailed_count
