"""The demo has one change waiting for review, so a publisher signing in sees the queue at work."""

from io import StringIO

import pytest
from django.urls import reverse

from inspectorate_site import demo as site_demo
from publications import demo as publications_demo
from reviews import demo
from reviews.models import ReviewRequest

pytestmark = pytest.mark.django_db


def test_the_demo_queue_has_one_waiting_change_however_often_it_is_loaded(client):
    staff = site_demo.load_staff_users(with_known_passwords=False)
    publications_demo.load(stdout=StringIO())

    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())

    review = ReviewRequest.objects.get()
    assert review.state == "waiting" and review.submitted_by.username == "editor"
    client.force_login(staff["publisher"].user)
    assert review.title in client.get(reverse("admin:reviews_queue")).content.decode()
