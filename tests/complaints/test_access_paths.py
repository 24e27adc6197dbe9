"""The complaints admin's other ways in: offered filters work, refused ones tell nothing, no bulk
export, no hint of which complaints exist, a history free of personal data.

The full matrix of groups against addresses is in test_access.py.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from complaints.models import Complaint

from .access_world import (
    ACCESS_LOG_LIST,
    CHANGELIST,
    CONTACT,
    LINK_PICKER,
    OFFICER,
    OUTBOX_LIST,
    SUPERUSER,
    WORDS,
    sign_in,
)

pytestmark = pytest.mark.django_db

# --- The filters the lists do offer keep working ----------------------------------------

DATE_PARTS = ("year", "month", "day")


@pytest.mark.parametrize(
    ("role", "url_name"), [(OFFICER, CHANGELIST), (SUPERUSER, ACCESS_LOG_LIST), (SUPERUSER, OUTBOX_LIST)]
)
def test_every_filter_and_date_link_a_list_offers_still_works(client, access_world, role, url_name):
    sign_in(client, access_world, role)
    changelist_url = reverse(url_name)
    page = client.get(changelist_url, {"_facets": "True"})
    changelist = page.context["cl"]
    offered = [
        choice["query_string"] for spec in changelist.filter_specs for choice in spec.choices(changelist)
    ]
    received = access_world.complaint.received_at
    offered.append(
        "?"
        + urlencode({f"{changelist.date_hierarchy}__{part}": getattr(received, part) for part in DATE_PARTS})
    )

    statuses = {query: client.get(changelist_url + query).status_code for query in offered}

    assert len(offered) > len(changelist.filter_specs) + 1
    assert set(statuses.values()) == {200}, statuses


def test_a_refused_filter_answers_the_same_whether_or_not_it_would_match(client, access_world):
    sign_in(client, access_world, OFFICER)

    matching = client.get(reverse(CHANGELIST), {"contact_phone__startswith": "+4477009"})
    not_matching = client.get(reverse(CHANGELIST), {"contact_phone__startswith": "+4479"})

    assert matching.status_code == not_matching.status_code == 400
    assert matching.content == not_matching.content
    assert b"Bad Request" in matching.content


@pytest.mark.parametrize("url_name", [CHANGELIST, ACCESS_LOG_LIST, OUTBOX_LIST])
def test_no_list_offers_bulk_actions_to_export_or_delete(client, access_world, url_name):
    sign_in(client, access_world, SUPERUSER)

    assert client.get(reverse(url_name)).context["action_form"] is None


# --- Nothing tells an outsider which complaints exist --------------------------------------


def complaint_pk_probes(pk):
    content_type = ContentType.objects.get_for_model(Complaint).pk
    return [
        ("get", reverse("admin:complaints_complaint_change", args=[pk])),
        ("get", reverse("admin:complaints_complaint_history", args=[pk])),
        ("get", reverse("admin:complaints_complaint_delete", args=[pk])),
        ("post", reverse("admin:complaints_complaint_reveal_contact", args=[pk])),
        ("get", reverse("admin:view_on_site", args=[content_type, pk])),
        ("get", reverse(LINK_PICKER) + "?" + urlencode({"g": f"complaints.complaint:{pk}"})),
        ("get", reverse("admin:complaints_accesslog_history", args=[pk])),
        ("get", reverse("admin:complaints_outboxmessage_history", args=[pk])),
    ]


@pytest.mark.parametrize("role", ["Content editor", "Registry officer"])
def test_an_outsider_gets_the_same_answer_for_a_complaint_that_exists_and_one_that_does_not(
    client, access_world, role
):
    sign_in(client, access_world, role)
    existing, missing = access_world.complaint.pk, access_world.complaint.pk + 1000

    def answers(pk):
        return [getattr(client, method)(url).status_code for method, url in complaint_pk_probes(pk)]

    assert answers(existing) == answers(missing)
    assert set(answers(existing)) <= {403, 404}


# --- What the admin writes down stays free of personal data --------------------------------


def test_the_history_of_a_triaged_complaint_names_fields_not_what_was_said(client, access_world):
    sign_in(client, access_world, OFFICER)
    saved = client.post(
        reverse("admin:complaints_complaint_change", args=[access_world.complaint.pk]),
        {
            "status": "acknowledged",
            "route": "",
            "outcome": "",
            "assigned_to": access_world.users["assignee"].pk,
            "care_service": "",
            "service_description": "Hillview Care Home, Morag's mother's home",
            "service_type": "",
            "referrals-TOTAL_FORMS": "0",
            "referrals-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "2",
            "notes-INITIAL_FORMS": "1",
            "notes-0-id": access_world.complaint.notes.get().pk,
            "notes-0-complaint": access_world.complaint.pk,
            "notes-0-text": "Called the manager back",
            "notes-1-text": "Morag says the night staff shout",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]

    history = client.get(reverse("admin:complaints_complaint_history", args=[access_world.complaint.pk]))

    html = history.content.decode()
    assert (
        "Changed Service (as the person described it), Status and Assigned to" in html
        and "Added complaint note" in html
    )
    assert not any(marker in html for marker in CONTACT + WORDS)
