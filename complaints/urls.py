from django.urls import path

from . import views

app_name = "complaints"

# Included at the site root, ahead of django CMS: these addresses are fixed.
# The two sms/ addresses are configured at the providers and must never move.
urlpatterns = [
    path("complaints/", views.complaint_start, name="start"),
    path("complaints/form/check-answers/", views.complaint_check_answers, name="check_answers"),
    path("complaints/form/sent/", views.complaint_confirmation, name="confirmation"),
    path("complaints/form/<slug:step>/", views.ComplaintStepView.as_view(), name="step"),
    path("complaints/sms/twilio/", views.twilio_inbound, name="twilio_inbound"),
    path("complaints/sms/notify/", views.notify_inbound, name="notify_inbound"),
]
