import time

import pytest
from django.core import signing

from complaints.forms import TIMESTAMP_SALT
from complaints.notifier import LocmemSmsBackend

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


def started_token(seconds_ago: float = 120) -> str:
    """The signed 'form first served at' value, as if a person began this long ago."""
    return signing.dumps({"t": time.time() - seconds_ago}, salt=TIMESTAMP_SALT)
