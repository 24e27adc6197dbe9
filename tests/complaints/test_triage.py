"""Protection triage: risk words flag a complaint at intake, officers assess and refer, the queue puts risk first."""

import io
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import demo, services, triage
from complaints.admin_triage import waited
from complaints.factories import ComplaintFactory
from complaints.models import Channel, Complaint, Referral, ReferralDestination, Risk, RiskPhrase
from complaints.services import IncomingMessage
from tests.factories import StaffFactory

from .helpers import notify_payload, post_notify, post_twilio, twilio_params

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:complaints_complaint_changelist")


@pytest.fixture
def officer():
    return StaffFactory(username="triage-officer", first_name="Isla", groups=["Complaints officer"])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def change_form(complaint, **overrides):
    return {
        "status": complaint.status,
        "route": complaint.route,
        "outcome": complaint.outcome,
        "assigned_to": "",
        "risk": complaint.risk,
        "care_service": "",
        "service_description": complaint.service_description,
        "service_type": complaint.service_type,
        "referrals-TOTAL_FORMS": "0",
        "referrals-INITIAL_FORMS": "0",
        "notes-TOTAL_FORMS": "0",
        "notes-INITIAL_FORMS": "0",
        **overrides,
    }


# --- matching ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He HIT ME again last night.",
        "staff keep hiting me",
        "I'm being hit!!",
        "i was abused by a carer",
        "I feel unsafe here",
        "I am NOT   safe.",
        "thinking about self-harm",
        "i want to killl myself",
        "thoughts of sucide",
        "she touched me",
        "I'm sooo scaaared",
    ],
)
def test_the_seeded_phrases_flag_risk_words_whole_and_misspelt(text):
    assert triage.find_risk_phrases(text)


@pytest.mark.parametrize(
    "text, found",
    [
        ("i was ABUSED", True),
        ("they are abbusing us", True),
        ("the abuser came back", True),
        ("staff keep hitting me", True),
        ("staff keep hiting me", True),
        ("he hits me", True),
        ("an abusive tone", False),
        ("a hitman film", False),
        ("hit meat", False),
    ],
)
def test_a_phrase_matches_whole_words_with_common_endings_and_doubled_letters(text, found):
    RiskPhrase.objects.all().delete()
    RiskPhrase.objects.create(phrase="abuse")
    RiskPhrase.objects.create(phrase="hit me")

    assert bool(triage.find_risk_phrases(text)) is found


@pytest.mark.parametrize(
    "text",
    [
        "Hitherto the staff have been kind.",
        "The walls are painted white, me and my gran like it.",
        "My safety plan is not safeguarding-related; the food is unseasoned.",
        "The abacus was broken and the hitch on the door is loose.",
        "Nobody answers the phone.",
    ],
)
def test_ordinary_words_are_not_flagged(text):
    assert triage.find_risk_phrases(text) == []


def test_a_phrase_staff_add_applies_to_the_next_complaint_at_once():
    assert triage.find_risk_phrases("they took my inhaler") == []

    RiskPhrase.objects.create(phrase="took my inhaler")

    assert triage.find_risk_phrases("They TOOK my inhaler.") == ["took my inhaler"]
    RiskPhrase.objects.filter(phrase="took my inhaler").delete()
    assert triage.find_risk_phrases("they took my inhaler") == []


# --- flagging at intake -----------------------------------------------------


@pytest.mark.parametrize(
    "incoming",
    [
        IncomingMessage(channel=Channel.WEB, body="A carer hit me and I'm scared.", provider="web"),
        IncomingMessage(channel=Channel.PHONE, body="Caller says a carer hit me and she is scared."),
    ],
    ids=["web form", "staff entry"],
)
def test_risk_words_flag_a_new_complaint_for_same_day_assessment(incoming):
    receipt = services.receive_complaint(incoming)

    complaint = Complaint.objects.get(pk=receipt.complaint.pk)
    assert complaint.needs_same_day_assessment
    assert complaint.risk_flagged_at == complaint.received_at
    assert "hit me" in complaint.risk_phrases_found and "scared" in complaint.risk_phrases_found
    assert list(Complaint.objects.awaiting_risk_assessment()) == [complaint]


def test_a_plain_complaint_is_not_flagged():
    receipt = services.receive_complaint(IncomingMessage(channel=Channel.WEB, body="The food is cold."))

    assert not Complaint.objects.get(pk=receipt.complaint.pk).needs_same_day_assessment


def test_a_notify_text_and_a_later_text_in_the_conversation_are_flagged(client):
    post_notify(client, notify_payload(message="The staff took my phone"))
    assert not Complaint.objects.get().needs_same_day_assessment

    post_notify(
        client,
        notify_payload(message_id="a1b2c3d4-0000-4000-8000-000000000002", message="and they hurt me"),
    )

    complaint = Complaint.objects.get()
    assert complaint.needs_same_day_assessment and complaint.risk_phrases_found == "hurt me"


# --- the queue ----------------------------------------------------------------


def test_a_flagged_childs_text_is_at_the_top_of_the_queue_within_a_second(client, officer_client):
    now = timezone.now()
    ComplaintFactory(received_at=now - timedelta(days=3), risk_flagged_at=now - timedelta(days=3))  # adult
    ComplaintFactory(received_at=now - timedelta(days=5), is_child_or_young_person="yes")
    ComplaintFactory(received_at=now - timedelta(minutes=1))

    started = time.monotonic()
    post_twilio(client, twilio_params(body="my key worker keeps hitting me, I dont feel safe"))
    queue = officer_client.get(CHANGELIST)
    elapsed = time.monotonic() - started

    texted = Complaint.objects.get(channel=Channel.TEXT)
    rows = list(queue.context["cl"].result_list)
    assert rows[0] == texted and elapsed < 1
    assert [row.received_at for row in rows[1:3]] == [now - timedelta(days=3), now - timedelta(days=5)]
    html = queue.content.decode()
    assert "Flagged: assess today" in html and 'class="complaints-child">Child<' in html
    assert ">0 min<" in html and ">3 days<" in html


def test_once_assessed_a_flagged_complaint_leaves_the_top(officer_client, officer):
    flagged = ComplaintFactory(risk_flagged_at=timezone.now())
    newer = ComplaintFactory(received_at=timezone.now() + timedelta(seconds=1))
    flagged.assess_risk(Risk.NO_CONCERN, officer)
    flagged.save()

    rows = list(officer_client.get(CHANGELIST).context["cl"].result_list)

    assert rows == [newer, flagged]
    assert officer_client.get(CHANGELIST, {"triage": "same_day"}).context["cl"].result_count == 0


def test_the_queue_costs_the_same_queries_however_long_it_is(officer_client, django_assert_max_num_queries):
    ComplaintFactory(risk_flagged_at=timezone.now(), channel=Channel.TEXT)
    officer_client.get(CHANGELIST)
    with django_assert_max_num_queries(12) as few:
        officer_client.get(CHANGELIST)
    ComplaintFactory.create_batch(10, is_child_or_young_person="yes")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = officer_client.get(
            CHANGELIST, {"o": "-2"}
        )  # sorted by the officer: received, newest first

    assert response.status_code == 200 and response.context["cl"].result_count == 11


def test_an_officer_adds_a_risk_phrase_and_the_next_complaint_is_flagged(officer_client):
    response = officer_client.post(reverse("admin:complaints_riskphrase_add"), {"phrase": "no food for days"})
    assert response.status_code == 302

    receipt = services.receive_complaint(
        IncomingMessage(channel=Channel.WEB, body="We were given NO food for dayys.")
    )

    assert Complaint.objects.get(pk=receipt.complaint.pk).risk_phrases_found == "no food for days"


def test_how_long_a_complaint_has_waited():
    now = timezone.now()
    assert waited(now - timedelta(minutes=40), now) == "40 min"
    assert waited(now - timedelta(hours=3, minutes=5), now) == "3 h"
    assert waited(now - timedelta(days=2, hours=1), now) == "2 days"


# --- assessment and referral -----------------------------------------------------


def test_an_officers_assessment_records_who_and_when_and_keeps_the_history(officer_client, officer):
    complaint = ComplaintFactory(risk_flagged_at=timezone.now())
    url = reverse("admin:complaints_complaint_change", args=[complaint.pk])

    before = timezone.now()
    response = officer_client.post(url, change_form(complaint, risk=Risk.CHILD_PROTECTION))
    assert response.status_code == 302, response.content.decode()[:3000]
    complaint.refresh_from_db()
    assert complaint.risk == Risk.CHILD_PROTECTION and complaint.risk_assessed_by == officer
    assert complaint.risk_assessed_at >= before and not complaint.needs_same_day_assessment

    other = StaffFactory(username="second-officer", groups=["Complaints officer"])
    officer_client.force_login(other)
    officer_client.post(url, change_form(complaint, risk=Risk.ADULT_PROTECTION))
    complaint.refresh_from_db()
    assert complaint.risk_assessed_by == other
    history = list(complaint.risk_assessments.values_list("risk", "assessed_by"))
    assert history == [(Risk.ADULT_PROTECTION, other.pk), (Risk.CHILD_PROTECTION, officer.pk)]
    page = officer_client.get(url).content.decode()
    assert "Child protection (triage-officer)" in page

    refused = officer_client.post(url, change_form(complaint, risk=""))
    assert refused.status_code == 200 and "stays on record" in refused.content.decode()


def test_saving_without_changing_the_assessment_does_not_restamp_it(officer_client, officer):
    complaint = ComplaintFactory()
    complaint.assess_risk(Risk.NO_CONCERN, officer, now=timezone.now() - timedelta(days=1))
    complaint.save()
    other = StaffFactory(username="other-officer", groups=["Complaints officer"])
    officer_client.force_login(other)

    officer_client.post(
        reverse("admin:complaints_complaint_change", args=[complaint.pk]),
        change_form(complaint, service_type="Care home"),
    )

    complaint.refresh_from_db()
    assert complaint.risk_assessed_by == officer and complaint.risk_assessments.count() == 1


def test_a_referral_is_recorded_with_date_destination_and_reference(officer_client, officer):
    complaint = ComplaintFactory()
    url = reverse("admin:complaints_complaint_change", args=[complaint.pk])
    referral = {
        "referrals-TOTAL_FORMS": "1",
        "referrals-0-referred_on": "2026-11-27",
        "referrals-0-destination": ReferralDestination.COUNCIL_SOCIAL_WORK,
        "referrals-0-council": "",
        "referrals-0-their_reference": "SW-123",
    }

    missing_council = officer_client.post(url, change_form(complaint, **referral))
    assert missing_council.status_code == 200 and "which council" in missing_council.content.decode()

    saved = officer_client.post(url, change_form(complaint, **(referral | {"referrals-0-council": "Fife"})))

    assert saved.status_code == 302, saved.content.decode()[:3000]
    stored = Referral.objects.get()
    assert (stored.complaint, stored.council, stored.their_reference) == (complaint, "Fife", "SW-123")
    assert str(stored.referred_on) == "2026-11-27" and stored.recorded_by == officer


# --- statistics and demo --------------------------------------------------------


def test_statistics_count_assessments_and_referrals_without_personal_data(officer_client, officer):
    for risk in [Risk.CHILD_PROTECTION, Risk.CHILD_PROTECTION, Risk.NO_CONCERN]:
        complaint = ComplaintFactory(contact_name="Morag Example", risk_flagged_at=timezone.now())
        complaint.assess_risk(risk, officer)
        complaint.save()
    complaint.referrals.create(destination=ReferralDestination.POLICE_SCOTLAND, their_reference="PS-999")
    ComplaintFactory()

    response = officer_client.get(reverse("admin:complaints_complaint_statistics"))

    html = response.content.decode()
    assert response.context["by_risk"] == [
        ("Not assessed yet", 1),
        ("Child protection", 2),
        ("No protection concern", 1),
    ]
    assert response.context["by_referral"] == [("Police Scotland", 1)]
    assert "3 flagged at intake" in html
    assert "Morag" not in html and "PS-999" not in html


def test_the_demo_has_a_flagged_childs_complaint_and_an_assessed_one_with_a_referral():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())

    assert Complaint.objects.from_children().awaiting_risk_assessment().count() == 1
    referred = Complaint.objects.exclude(risk="").filter(referrals__isnull=False)
    assert referred.count() == 1 and referred.get().referrals.count() == 1
