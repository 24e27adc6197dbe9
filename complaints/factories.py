"""Complaints for tests and demo data, built through receive_complaint like real ones."""

import factory
from django.utils import timezone

from .models import Channel, Complaint, ComplaintMessage
from .services import new_reference


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A stored complaint with one inbound message. Bypasses the outbox: use services for intake tests."""

    class Meta:
        model = Complaint
        skip_postgeneration_save = True

    reference = factory.LazyFunction(new_reference)
    channel = Channel.WEB
    service_description = factory.Sequence(lambda n: f"Riverside Care Home {n}, Perth")
    received_at = factory.LazyFunction(timezone.now)
    last_message_at = factory.SelfAttribute("received_at")

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        if create:
            ComplaintMessage.objects.create(
                complaint=self,
                body=extracted or "The staff do not listen when I ask for help.",
                received_at=self.received_at,
            )
