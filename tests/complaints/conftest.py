import time

import pytest
from django.core import signing

from complaints.forms import TIMESTAMP_SALT
from complaints.notifier import LocmemSmsBackend

from .access_world import build_world

TWILIO_TOKEN = "test-twilio-auth-token"
NOTIFY_TOKEN = "test-notify-inbound-token"


@pytest.fixture(autouse=True)
def complaints_settings(settings, tmp_path):
    settings.TWILIO_AUTH_TOKEN = TWILIO_TOKEN
    settings.NOTIFY_INBOUND_TOKEN = NOTIFY_TOKEN
    settings.SITE_URL = "https://www.example.org"
    settings.COMPLAINTS_SPOOL_DIR = str(tmp_path / "spool")
    settings.COMPLAINTS_SMS_BACKEND = "complaints.notifier.LocmemSmsBackend"
    settings.COMPLAINTS_ANONYMISE_AFTER_DAYS = 365
    # A test client fills the whole form in milliseconds; the time-trap test sets its own minimum.
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    # The embedded default cache is per process; tests use it on purpose.
    settings.SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
    LocmemSmsBackend.outbox = []
    return settings


@pytest.fixture(scope="module")
def access_world(django_db_setup, django_db_blocker):
    """One complaint full of personal data and a user per staff role (access_world.py), built once per
    module for the access tests' hundreds of requests; what each test writes (the access log) rolls back."""
    with django_db_blocker.unblock():
        world = build_world()
        yield world
        world.complaint.delete()  # its messages, notes, outbox and access log go with it
        for user in world.users.values():
            user.delete()


def started_token(seconds_ago: float = 120) -> str:
    """The signed 'form first served at' value, as if a person began this long ago."""
    return signing.dumps({"t": time.time() - seconds_ago}, salt=TIMESTAMP_SALT)
