"""Staff triage: only complaints officers see complaints; contact details masked and every look logged."""

import pytest
from django.urls import reverse

from complaints.factories import ComplaintFactory
from complaints.models import AccessLog, Channel, Complaint, Route, Status
from services_registry.factories import CareServiceFactory
from tests.factories import StaffFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:complaints_complaint_changelist")


@pytest.fixture
def officer():
    return StaffFactory(username="officer", groups=["Complaints officer"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def complaint():
    return ComplaintFactory(
        contact_name="Morag Example",
        contact_email="morag@example.org",
        contact_phone="+447870981785",
        body="<script>alert('x')</script> They <b>shout</b>",
    )


def change_url(complaint):
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def test_an_officer_sees_the_complaint_in_the_queue(officer_client, complaint):
    response = officer_client.get(CHANGELIST)

    assert response.status_code == 200
    assert complaint.display_reference in response.content.decode()


@pytest.mark.parametrize("group", ["Content editor", "Content publisher", "Registry officer"])
def test_other_staff_cannot_list_or_open_complaints(client, complaint, group):
    client.force_login(StaffFactory(username="other", groups=[group]))

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(complaint)).status_code in (403, 302)
    assert client.get(change_url(complaint)).status_code != 200
    assert "Complaints" not in client.get(reverse("admin:index")).content.decode()


def test_a_content_editor_given_the_permission_by_mistake_still_sees_nothing(client, complaint):
    from django.contrib.auth.models import Group, Permission

    Group.objects.get(name="Content editor").permissions.add(
        Permission.objects.get(codename="view_complaint")
    )
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(complaint)).status_code != 200
    assert Complaint.objects.get().display_reference not in client.get(CHANGELIST).content.decode()


def test_a_superuser_can_triage(client, complaint):
    client.force_login(SuperuserFactory(username="root"))

    assert client.get(change_url(complaint)).status_code == 200


def test_contact_details_are_masked_and_complaint_text_escaped(officer_client, complaint):
    html = officer_client.get(change_url(complaint)).content.decode()

    assert "07\u2022\u2022\u2022 \u2022\u2022\u2022 785" in html
    assert "morag@example.org" not in html
    assert "Morag Example" not in html
    assert "+447870981785" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html
    assert "Reveal contact details" in html


def test_opening_a_complaint_is_logged(officer_client, officer, complaint):
    officer_client.get(change_url(complaint))

    entry = AccessLog.objects.get()
    assert (entry.user, entry.complaint, entry.action) == (officer, complaint, AccessLog.Action.VIEWED)


def test_revealing_contact_details_needs_a_post_and_is_logged(officer_client, officer, complaint):
    url = reverse("admin:complaints_complaint_reveal_contact", args=[complaint.pk])

    assert officer_client.get(url).status_code == 405
    response = officer_client.post(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Morag Example" in html and "morag@example.org" in html and "07870 981785" in html
    assert "no-store" in response["Cache-Control"]
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.REVEALED_CONTACT).count() == 1


def test_other_staff_cannot_reveal(client, complaint):
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    response = client.post(reverse("admin:complaints_complaint_reveal_contact", args=[complaint.pk]))

    assert response.status_code == 403
    assert not AccessLog.objects.exists()


def test_moving_a_complaint_on_stamps_its_stages(officer_client, officer, complaint):
    response = officer_client.post(
        change_url(complaint),
        {
            "status": Status.ASSESSED,
            "route": Route.INVESTIGATED_BY_US,
            "outcome": "",
            "assigned_to": officer.pk,
            "care_service": "",
            "service_description": "Hillview",
            "service_type": "Care home",
            "referrals-TOTAL_FORMS": "0",
            "referrals-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Called the manager.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    complaint.refresh_from_db()
    assert complaint.status == Status.ASSESSED and complaint.assigned_to == officer
    assert complaint.acknowledged_at is not None and complaint.assessed_at is not None
    note = complaint.notes.get()
    assert note.author == officer and note.text == "Called the manager."


def test_assessing_needs_a_route(officer_client, complaint):
    response = officer_client.post(
        change_url(complaint),
        {
            "status": Status.ASSESSED,
            "route": "",
            "outcome": "",
            "referrals-TOTAL_FORMS": "0",
            "referrals-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Choose the route" in response.content.decode()


def test_overdue_dates_stand_out(officer_client):
    from datetime import timedelta

    from django.utils import timezone

    ComplaintFactory(received_at=timezone.now() - timedelta(days=30))

    html = officer_client.get(CHANGELIST).content.decode()

    assert "complaints-overdue" in html
    assert "(overdue)" in html
    overdue = officer_client.get(CHANGELIST + "?overdue=acknowledgement")
    assert overdue.context["cl"].result_count == 1


def test_search_finds_a_reference_typed_as_read_out(officer_client, complaint):
    ComplaintFactory()
    spoken = complaint.display_reference.lower().replace("-", " ")

    response = officer_client.get(CHANGELIST, {"q": spoken})

    assert response.context["cl"].result_count == 1


def test_the_queue_runs_a_constant_number_of_queries(officer_client, django_assert_max_num_queries):
    officer = StaffFactory(username="assignee", groups=["Complaints officer"])
    ComplaintFactory.create_batch(3, assigned_to=officer)
    with django_assert_max_num_queries(20) as few:
        officer_client.get(CHANGELIST)
    ComplaintFactory.create_batch(30, assigned_to=officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = officer_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 33


def test_the_queue_is_paginated(officer_client):
    ComplaintFactory.create_batch(51)

    response = officer_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 50
    assert officer_client.get(CHANGELIST, {"p": 2}).context["cl"].result_list.__len__() == 1


def test_statistics_count_without_personal_data(officer_client, complaint):
    ComplaintFactory(
        channel=Channel.TEXT, service_type="Care home for children and young people", outcome="upheld"
    )

    response = officer_client.get(reverse("admin:complaints_complaint_statistics"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Online form" in html and "Text message" in html
    assert "Care home for children and young people" in html
    assert "Upheld" in html
    assert response.context["total"] == 2
    assert "Morag" not in html and "morag@example.org" not in html and "shout" not in html


def test_statistics_are_for_officers_only(client):
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    assert client.get(reverse("admin:complaints_complaint_statistics")).status_code == 403


def test_an_officer_enters_a_phone_complaint_through_the_same_intake(officer_client, officer):
    response = officer_client.post(
        reverse("admin:complaints_complaint_add"),
        {
            "channel": Channel.PHONE,
            "what_happened": "Caller says her son was left alone all afternoon.",
            "service_description": "Little Acorns Nursery",
            "contact_phone": "07400 123456",
            "preferred_contact": "phone",
        },
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == change_url(complaint)
    assert complaint.channel == Channel.PHONE and complaint.entered_by == officer
    assert complaint.contact_phone == "+447400123456"
    assert complaint.messages.get().body == "Caller says her son was left alone all afternoon."


def test_an_officer_is_told_when_a_phone_number_cannot_be_read(officer_client):
    response = officer_client.post(
        reverse("admin:complaints_complaint_add"),
        {"channel": Channel.PHONE, "what_happened": "Caller was cut off.", "contact_phone": "12"},
    )

    assert response.status_code == 200
    assert "Enter a valid phone number." in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_officer_group_has_its_permissions_from_the_migration():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Complaints officer").permissions.values_list("codename", flat=True)
    )

    assert {"view_complaint", "change_complaint", "add_complaint", "add_complaintnote"} <= codenames
    assert "delete_complaint" not in codenames


def test_the_linked_service_links_to_its_registry_record_and_public_page(officer_client):
    service = CareServiceFactory(name="Rowan House", service_number="CS2003000025", town="Aberdeen")
    complaint = ComplaintFactory(care_service=service, service_description="rowan house aberdeen")

    html = officer_client.get(change_url(complaint)).content.decode()

    assert "Rowan House (CS2003000025)" in html
    assert reverse("admin:services_registry_careservice_change", args=[service.pk]) in html
    assert 'href="/services/CS2003000025/"' in html
    assert "rowan house aberdeen" in html


def test_an_officer_links_a_complaint_to_a_service_found_by_name(officer_client, officer, complaint):
    service = CareServiceFactory(name="Rowan House", town="Aberdeen")
    found = officer_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "complaints", "model_name": "complaint", "field_name": "care_service", "term": "rowan"},
    )
    assert found.status_code == 200
    assert [result["id"] for result in found.json()["results"]] == [str(service.pk)]

    response = officer_client.post(
        change_url(complaint),
        {
            "status": Status.RECEIVED,
            "route": "",
            "outcome": "",
            "assigned_to": "",
            "care_service": service.pk,
            "service_description": complaint.service_description,
            "service_type": "",
            "referrals-TOTAL_FORMS": "0",
            "referrals-INITIAL_FORMS": "0",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    complaint.refresh_from_db()
    assert complaint.care_service == service


def test_a_service_with_complaints_cannot_be_deleted(complaint):
    from django.db.models import ProtectedError

    service = CareServiceFactory()
    complaint.care_service = service
    complaint.save()

    with pytest.raises(ProtectedError):
        service.delete()


def test_statistics_use_the_linked_services_type(officer_client):
    service = CareServiceFactory(service_type="Child Minding")
    ComplaintFactory(care_service=service, service_type="Nursery")  # the register wins
    ComplaintFactory(service_type="Nursery")
    ComplaintFactory(service_type="")

    response = officer_client.get(reverse("admin:complaints_complaint_statistics"))

    assert response.context["by_service_type"] == [
        ("Child Minding", 1),
        ("Nursery", 1),
        ("Not recorded", 1),
    ]


def test_an_officer_entering_a_complaint_links_the_service_by_its_number(officer_client):
    service = CareServiceFactory(service_number="CS2003008081")
    data = {"channel": Channel.EMAIL, "what_happened": "Children left with strangers."}

    refused = officer_client.post(
        reverse("admin:complaints_complaint_add"), {**data, "service_number": "CS2003999999"}
    )
    assert "No care service in the register has this number" in refused.content.decode()
    officer_client.post(
        reverse("admin:complaints_complaint_add"), {**data, "service_number": "cs 2003 008081"}
    )

    assert Complaint.objects.get().care_service == service
