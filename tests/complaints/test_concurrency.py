"""Fifty simultaneous deliveries of one message store it once (PostgreSQL: real concurrent transactions)."""

import os
import threading

import pytest
from django.db import connection, connections

from complaints.models import Complaint, ComplaintMessage

from .helpers import notify_payload, post_notify, post_twilio, twilio_params

DELIVERIES = 50


@pytest.fixture
def needs_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: set DATABASE_URL", pytrace=False)
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def deliver_at_once(send):
    from django.test import Client

    start = threading.Barrier(DELIVERIES)
    statuses = []

    def one_delivery():
        try:
            start.wait()
            statuses.append(send(Client()).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_delivery) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_notify_deliveries_store_one_message(needs_postgres):
    statuses = deliver_at_once(lambda client: post_notify(client, notify_payload(message_id="same-id")))

    assert statuses == [200] * DELIVERIES
    assert ComplaintMessage.objects.filter(provider="notify", provider_message_id="same-id").count() == 1
    assert Complaint.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_twilio_deliveries_store_one_message(needs_postgres):
    statuses = deliver_at_once(lambda client: post_twilio(client, twilio_params(sid="SMsame")))

    assert statuses == [200] * DELIVERIES
    assert ComplaintMessage.objects.filter(provider="twilio", provider_message_id="SMsame").count() == 1
    assert Complaint.objects.count() == 1
