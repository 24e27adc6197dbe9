"""Every staff group against every complaints address: complainants' data stays behind the logged reveal.

A new address is one line in ADDRESSES, a new group one in ROLES (access_world.py).
For each pair the test checks the status that role should get, and that:
- contact details appear only where the look is logged as a reveal, and what the
  person wrote only where the look is logged at all;
- the complaint's reference appears only to those let in, and never where
  listing it would answer a question (a search or filter on personal data).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from complaints.models import AccessLog

from .access_world import (
    ACCESS_LOG_LIST,
    ANONYMOUS,
    CHANGELIST,
    CONTACT,
    LINK_PICKER,
    OFFICER,
    OUTBOX_LIST,
    REFERENCE,
    ROLES,
    SUPERUSER,
    WORDS,
    World,
    sign_in,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Address:
    """One way in. ``url`` is a URL name (given the pk of ``target``), a path, or a function of the World."""

    name: str
    url: object
    target: str | None = None
    query: dict = field(default_factory=dict)
    method: str = "get"
    officer: int = 200  # what a Complaints officer gets
    superuser: int | None = None  # None: as an officer
    staff: int = 403  # what every other staff group gets
    anonymous: int = 302  # to the sign-in page
    lists: bool = True  # False: the complaint must not be listed here, whoever asks

    def build(self, world: World) -> str:
        if callable(self.url):
            path = self.url(world)
        elif self.url.startswith("/"):
            path = self.url
        else:
            path = reverse(self.url, args=[getattr(world, self.target).pk] if self.target else None)
        pks = {"complaint": world.complaint.pk, "message": world.message.pk, "log": world.log.pk}
        query = {key: str(value).format(**pks) for key, value in self.query.items()}
        return f"{path}?{urlencode(query)}" if query else path

    def expected_status(self, role: str) -> int:
        if role == ANONYMOUS:
            return self.anonymous
        if role == SUPERUSER:
            return self.officer if self.superuser is None else self.superuser
        return self.officer if role == OFFICER else self.staff


def superusers_only(name, url, target=None, **kwargs):
    return Address(name, url, target, officer=403, superuser=200, **kwargs)


def refused_filter(url, lookup, value, superusers_only=False):
    """A list filtered by a lookup its own filters do not offer: 400 for those let in."""
    statuses = {"officer": 403, "superuser": 400} if superusers_only else {"officer": 400}
    return Address(
        f"{url.split('_')[-2]} filtered by {lookup}", url, query={lookup: value}, lists=False, **statuses
    )


AUTOCOMPLETE = "admin:autocomplete"
TEXT_LINK_PICKER = "admin:djangocms_text_textplugin_get_available_urls"
COMPLAINT_BY_ID = {"g": "complaints.complaint:{complaint}"}


def autocomplete(source, term, lists=False):
    """The admin's autocomplete for a field that points at a complaint, from any model that has one."""
    query = {"app_label": "complaints", "model_name": source, "field_name": "complaint", "term": term}
    return Address(f"autocomplete from {source} for {term!r}", AUTOCOMPLETE, query=query, lists=lists)


def view_on_site(world):
    content_type = ContentType.objects.get_for_model(world.complaint)
    return reverse("admin:view_on_site", args=[content_type.pk, world.complaint.pk])


PHONE_AS_KEY = {"_to_field": "contact_phone"}


def opened_by_phone(world):
    return reverse("admin:complaints_complaint_change", args=[world.complaint.contact_phone])


PERSONAL_LOOKUPS = {
    "contact_phone__startswith": "+4477009",
    "contact_phone__contains": "900123",
    "contact_phone__regex": r"^\+4477",
    "contact_email__icontains": "morag",
    "contact_email__iendswith": "example.org",
    "contact_name__istartswith": "mor",
    "contact_name__exact": "Morag Example",
    "contact_address__icontains": "rowan",
    "when_it_happened__icontains": "tuesday",
    "service_description__icontains": "hillview",
    "is_child_or_young_person__exact": "yes",
    "messages__body__icontains": "shout",
    "messages__sender__startswith": "+4477",
    "notes__text__icontains": "manager",
    "outbox__to__startswith": "+4477",
    "outbox__body__icontains": "morag",
    "access_log__user__username__startswith": "assigned",
}

ADDRESSES = [
    Address("admin home", "admin:index", staff=200, lists=False),
    Address("complaints app", reverse("admin:app_list", kwargs={"app_label": "complaints"}), staff=404),
    Address("queue", CHANGELIST),
    Address("complaint", "admin:complaints_complaint_change", "complaint"),
    Address("enter a complaint", "admin:complaints_complaint_add", lists=False),
    Address("delete", "admin:complaints_complaint_delete", "complaint", officer=403),
    Address("history", "admin:complaints_complaint_history", "complaint"),
    Address(
        "reveal contact details", "admin:complaints_complaint_reveal_contact", "complaint", method="post"
    ),
    Address(
        "reveal by GET", "admin:complaints_complaint_reveal_contact", "complaint", officer=405, staff=405
    ),
    Address("statistics", "admin:complaints_complaint_statistics", lists=False),
    Address("reply by text", "admin:complaints_complaint_reply_by_text", "complaint"),
    Address("queue: children and young people", CHANGELIST, query={"triage": "children"}),
    Address("queue: flagged for same-day assessment", CHANGELIST, query={"triage": "same_day"}),
    Address("queue: marked for review", CHANGELIST, query={"needs_review__exact": "0"}),
    Address("risk phrases", "admin:complaints_riskphrase_changelist", lists=False),
    Address("add a risk phrase", "admin:complaints_riskphrase_add", lists=False),
    *(refused_filter(CHANGELIST, lookup, value) for lookup, value in PERSONAL_LOOKUPS.items()),
    # The page shows what was typed, so each search is a fragment that no CONTACT marker contains.
    Address("queue searched by phone", CHANGELIST, query={"q": "0770090012"}, lists=False),
    Address("queue searched by email", CHANGELIST, query={"q": "example.org"}, lists=False),
    Address("queue searched by name", CHANGELIST, query={"q": "Example"}, lists=False),
    Address(
        "queue as a picker of phone numbers", CHANGELIST, query=PHONE_AS_KEY | {"_popup": "1"}, officer=400
    ),
    Address("complaint opened by phone number", opened_by_phone, query=PHONE_AS_KEY, officer=400, staff=400),
    autocomplete("accesslog", "B4LM", lists=True),
    autocomplete("accesslog", "07700900123"),
    autocomplete("complaintnote", "Morag Example"),
    autocomplete("outboxmessage", "morag@example.org"),
    autocomplete("complaintmessage", "night staff"),
    Address(
        "link picker: complaint by id",
        LINK_PICKER,
        query=COMPLAINT_BY_ID,
        officer=403,
    ),
    Address(
        "link picker: message by id",
        LINK_PICKER,
        query={"g": "complaints.complaintmessage:{message}"},
        officer=403,
    ),
    Address(
        "link picker: access log by id", LINK_PICKER, query={"g": "complaints.accesslog:{log}"}, officer=403
    ),
    Address("link picker search: reference", LINK_PICKER, query={"term": "B4LM"}, staff=200, lists=False),
    Address("link picker search: name", LINK_PICKER, query={"term": "morag"}, staff=200, lists=False),
    Address(
        "text editor's link picker: complaint by id",
        TEXT_LINK_PICKER,
        query=COMPLAINT_BY_ID,
        officer=403,
        anonymous=403,
    ),
    Address("view on site", view_on_site, officer=404, staff=404),
    Address("messages admin", "/admin/complaints/complaintmessage/", officer=404, staff=404),
    Address("notes admin", "/admin/complaints/complaintnote/", officer=404, staff=404),
    Address("opt-outs admin", "/admin/complaints/smsoptout/", officer=404, staff=404),
    superusers_only("access log", ACCESS_LOG_LIST),
    superusers_only("access log entry", "admin:complaints_accesslog_change", "log"),
    superusers_only("access log entry history", "admin:complaints_accesslog_history", "log"),
    refused_filter(ACCESS_LOG_LIST, "complaint__contact_phone__startswith", "+4477", superusers_only=True),
    refused_filter(ACCESS_LOG_LIST, "user__username__startswith", "assigned", superusers_only=True),
    superusers_only("outbox", OUTBOX_LIST),
    superusers_only("outbox message", "admin:complaints_outboxmessage_change", "outbox"),
    superusers_only("outbox message history", "admin:complaints_outboxmessage_history", "outbox"),
    refused_filter(OUTBOX_LIST, "to__startswith", "+4477", superusers_only=True),
    refused_filter(OUTBOX_LIST, "body__icontains", "morag", superusers_only=True),
    refused_filter(OUTBOX_LIST, "last_error__icontains", "9001", superusers_only=True),
    refused_filter(OUTBOX_LIST, "complaint__contact_email__icontains", "morag", superusers_only=True),
]


@pytest.mark.parametrize("address", ADDRESSES, ids=lambda address: address.name)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what(client, access_world, role, address):
    user = sign_in(client, access_world, role)

    response = getattr(client, address.method)(address.build(access_world))

    body = response.content.decode()
    assert response.status_code == address.expected_status(role), body[:2000]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    let_in = user is not None and response.status_code == 200
    listed = REFERENCE in body.replace("B4LM-8WHN", REFERENCE)
    assert not listed or (let_in and address.lists)
    logged = set(AccessLog.objects.filter(user=user).values_list("action", flat=True)) if user else set()
    assert not any(marker in body for marker in CONTACT) or AccessLog.Action.REVEALED_CONTACT in logged
    assert not any(marker in body for marker in WORDS) or logged
