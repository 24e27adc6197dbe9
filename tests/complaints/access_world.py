"""The records every access test looks at: one complaint full of personal data, and a user per role.

Built once per test module (the ``access_world`` fixture in conftest.py). The
markers are what must never show outside the logged views; none is in the
site's own text (its phone number, its examples).
"""

from dataclasses import dataclass

from complaints.factories import ComplaintFactory
from complaints.models import AccessLog, Channel, Complaint, ComplaintMessage, OutboxMessage
from tests.factories import StaffFactory, SuperuserFactory

CHANGELIST = "admin:complaints_complaint_changelist"
ACCESS_LOG_LIST = "admin:complaints_accesslog_changelist"
OUTBOX_LIST = "admin:complaints_outboxmessage_changelist"
LINK_PICKER = "admin:djangocms_link_link_urls"

REFERENCE = "B4LM8WHN"  # shown as B4LM-8WHN
CONTACT = ["Morag", "morag@", "7700900123", "7700 900123", "Rowan Street", "7700900456", "7700 900456"]
WORDS = ["night staff shout", "Called the manager back"]

ANONYMOUS, OFFICER, SUPERUSER = "anonymous", "Complaints officer", "superuser"
ROLES = [ANONYMOUS, "Content editor", "Content publisher", "Registry officer", OFFICER, SUPERUSER]


@dataclass
class World:
    complaint: Complaint
    message: ComplaintMessage
    outbox: OutboxMessage
    log: AccessLog
    users: dict


def build_world() -> World:
    complaint = ComplaintFactory(
        reference=REFERENCE,
        channel=Channel.TEXT,
        contact_name="Morag Example",
        contact_email="morag@example.org",
        contact_phone="+447700900123",
        contact_address="12 Rowan Street, Perth",
        when_it_happened="Last Tuesday night",
        service_description="Hillview Care Home",
        is_child_or_young_person="yes",
        body="The night staff shout at us",
    )
    complaint.messages.update(sender="+447700900456")
    assignee = StaffFactory(username="assigned-officer", groups=[OFFICER])
    complaint.notes.create(author=assignee, text="Called the manager back")
    users = {role: StaffFactory(username=f"access-{role}", groups=[role]) for role in ROLES[1:-1]}
    return World(
        complaint=complaint,
        message=complaint.messages.get(),
        outbox=OutboxMessage.objects.create(
            complaint=complaint,
            kind=OutboxMessage.Kind.SMS,
            to="+447700900123",
            body="Thank you, Morag. We have your complaint.",
            last_error="TwilioRestException: The 'To' number +447700900123 is not reachable",
        ),
        log=AccessLog.objects.create(user=assignee, complaint=complaint, action=AccessLog.Action.VIEWED),
        users={**users, SUPERUSER: SuperuserFactory(username="access-root"), "assignee": assignee},
    )


def sign_in(client, world, role):
    user = world.users.get(role)
    if user is not None:
        client.force_login(user)
    return user
