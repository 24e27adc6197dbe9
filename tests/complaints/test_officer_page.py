"""The officers' complaint page: what the person said first, bots flagged in words, notes append-only,
the reveal that keeps unsaved changes, marking for review, and the ombudsman as the last stage."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from complaints.factories import ComplaintFactory
from complaints.models import ComplaintNote, OutboxMessage
from complaints.ombudsman import SPSO_NAME, SPSO_URL
from complaints.views_send import RECEIPT_SALT
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:complaints_complaint_changelist")


@pytest.fixture
def officer():
    return StaffFactory(username="officer", groups=["Complaints officer"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def change_url(complaint):
    return reverse("admin:complaints_complaint_change", args=[complaint.pk])


def page_form(complaint, **changes):
    """The change form as the page posts it, with no referrals and the complaint's notes as they are."""
    notes = list(complaint.notes.all())
    data = {
        "status": complaint.status,
        "route": complaint.route,
        "outcome": complaint.outcome,
        "assigned_to": "",
        "care_service": "",
        "service_description": complaint.service_description,
        "service_type": "",
        "risk": complaint.risk,
        "referrals-TOTAL_FORMS": "0",
        "referrals-INITIAL_FORMS": "0",
        "notes-TOTAL_FORMS": str(len(notes)),
        "notes-INITIAL_FORMS": str(len(notes)),
    }
    for index, note in enumerate(notes):
        data |= {f"notes-{index}-id": note.pk, f"notes-{index}-complaint": complaint.pk}
        data[f"notes-{index}-text"] = note.text
    return data | changes


def test_what_the_person_told_us_comes_before_triage_and_handling(officer_client):
    complaint = ComplaintFactory(body="Nobody answers the call bell at night.")

    html = officer_client.get(change_url(complaint)).content.decode()

    order = [
        html.index("Nobody answers the call bell"),
        html.index("Online form"),
        html.index("Child or young person"),
        html.index("Care service</h2>"),
        html.index("Protection</h2>"),
        html.index('id="referrals-group"'),
        html.index("Handling</h2>"),
        html.index('id="notes-group"'),
    ]
    assert html.count('id="referrals-group"') == 1
    assert order == sorted(order)


def test_a_suspected_bot_is_a_warning_in_words_in_the_list_and_on_the_page(officer_client):
    complaint = ComplaintFactory(suspected_bot=True)

    page = officer_client.get(change_url(complaint)).content.decode()
    queue = officer_client.get(CHANGELIST).content.decode()

    assert "Warning: this may have been sent by a bot" in page
    assert "Warning: may be a bot" in queue
    assert "icon-yes.svg" not in page.split("Sent by a bot?")[1][:400]


def test_a_saved_note_cannot_be_edited_or_deleted_but_a_correction_can_be_added(officer_client, officer):
    complaint = ComplaintFactory()
    note = ComplaintNote.objects.create(complaint=complaint, author=officer, text="Called the manager.")

    page = officer_client.get(change_url(complaint)).content.decode()
    form = page_form(complaint, **{"notes-0-text": "Never called anyone.", "notes-0-DELETE": "on"})
    form |= {"notes-TOTAL_FORMS": "2", "notes-1-text": "Correction: called on Tuesday, not Monday."}
    saved = officer_client.post(change_url(complaint), form)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert 'name="notes-0-text"' not in page and 'name="notes-0-DELETE"' not in page
    note.refresh_from_db()
    assert note.text == "Called the manager."
    assert list(complaint.notes.values_list("text", flat=True)) == [
        "Called the manager.",
        "Correction: called on Tuesday, not Monday.",
    ]


def test_revealing_contact_details_opens_a_new_tab_and_leaves_the_form_unsaved(officer_client):
    complaint = ComplaintFactory(contact_name="Morag Example", contact_email="morag@example.org")
    reveal = reverse("admin:complaints_complaint_reveal_contact", args=[complaint.pk])

    html = officer_client.get(change_url(complaint)).content.decode()
    pattern = r"<button[^>]*formaction=\"" + re.escape(reveal) + r"\"[^>]*>([^<]*)</button>"
    button = re.search(pattern, html)
    revealed = officer_client.post(reveal, page_form(complaint, service_description="Typed, not saved"))

    assert button and 'formtarget="_blank"' in button.group(0)
    assert "opens in a new tab" in button.group(1)
    assert "morag@example.org" in revealed.content.decode()
    complaint.refresh_from_db()
    assert complaint.service_description != "Typed, not saved"


def test_marking_for_review_records_who_and_when_and_the_queue_filters_by_it(officer_client, officer):
    complaint = ComplaintFactory(reference="K7QMAAAA")
    ComplaintFactory(reference="B4LMBBBB")

    saved = officer_client.post(change_url(complaint), page_form(complaint, needs_review="on"))
    marked = officer_client.get(CHANGELIST, {"needs_review__exact": "1"}).content.decode()

    assert saved.status_code == 302, saved.content.decode()[:3000]
    complaint.refresh_from_db()
    assert complaint.needs_review and complaint.review_marked_by == officer
    assert complaint.review_marked_at is not None
    assert "K7QM-AAAA" in marked and "B4LM-BBBB" not in marked
    assert "Marked for review" in marked


def test_the_confirmation_and_the_outcome_field_name_the_ombudsman_as_the_last_stage(client, officer_client):
    receipt = signing.dumps({"reference": "K7QM-4XRT", "contact": True}, salt=RECEIPT_SALT)
    confirmation = client.get(reverse("complaints:sent"), {"receipt": receipt}).content.decode()
    page = officer_client.get(change_url(ComplaintFactory())).content.decode()

    assert f'<a href="{SPSO_URL}">{SPSO_NAME}</a>' in confirmation
    assert "still unhappy after our final response" in confirmation
    assert f"ask the {SPSO_NAME} to look at it" in page


def closed(complaint, **changes):
    return page_form(complaint, status="closed", route="investigated_by_us", outcome="upheld", **changes)


def test_closing_a_complaint_tells_the_person_the_outcome_and_names_the_ombudsman(officer_client):
    by_email = ComplaintFactory(contact_email="morag.smith@example.org", preferred_contact="email")
    by_text = ComplaintFactory(channel="text", contact_phone="+447911123456")

    for complaint in (by_email, by_text):
        saved = officer_client.post(change_url(complaint), closed(complaint))
        assert saved.status_code == 302, saved.content.decode()[:3000]

    email = OutboxMessage.objects.get(complaint=by_email)
    text = OutboxMessage.objects.get(complaint=by_text)
    assert email.kind == "email" and email.to == "morag.smith@example.org"
    assert by_email.display_reference in email.subject
    assert "Outcome: upheld." in email.body and f"ask the {SPSO_NAME} to look at it" in email.body
    assert text.kind == "sms" and text.to == "+447911123456"
    assert "finished working on your complaint" in text.body and SPSO_URL in text.body


def test_closing_sends_once_and_never_to_someone_who_asked_for_no_contact(officer_client):
    wants_nothing = ComplaintFactory(contact_email="a.person@example.org", preferred_contact="none")
    anonymous = ComplaintFactory()
    once = ComplaintFactory(contact_email="morag.smith@example.org", preferred_contact="email")

    for complaint in (wants_nothing, anonymous, once):
        officer_client.post(change_url(complaint), closed(complaint))
    once.refresh_from_db()
    officer_client.post(change_url(once), closed(once, assigned_to=""))

    assert list(OutboxMessage.objects.values_list("complaint", flat=True)) == [once.pk]
