from django.urls import path

from . import views

app_name = "alerts"

# Included at the site root. Confirm, manage and stop-all links live on in every email
# already sent: these addresses never change.
urlpatterns = [
    path("email-alerts/subscribe/", views.subscribe, name="subscribe"),
    path("email-alerts/check-your-email/", views.check_email, name="check_email"),
    path("email-alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("email-alerts/manage/<str:token>/", views.manage, name="manage"),
    path("email-alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
