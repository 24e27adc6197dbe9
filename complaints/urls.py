from django.urls import path

from . import views, views_send, webhooks

app_name = "complaints"

# Included at the site root, ahead of django CMS: these addresses are fixed.
# The two sms/ addresses are configured at the providers and must never move.
urlpatterns = [
    path("complaints/", views.complaint_start, name="start"),
    path("complaints/form/send/", views_send.complaint_send, name="send"),
    path("complaints/form/check/", views.complaint_check, name="check"),
    path("complaints/form/sent/", views_send.complaint_sent, name="sent"),
    path("complaints/form/<slug:step>/", views.ComplaintStepView.as_view(), name="step"),
    path("complaints/sms/twilio/", webhooks.twilio_inbound, name="twilio_inbound"),
    path("complaints/sms/notify/", webhooks.notify_inbound, name="notify_inbound"),
]
