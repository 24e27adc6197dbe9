"""The web form works with cookies blocked, and still refuses posts that another site makes browsers send."""

import pytest
from django.test import Client
from django.urls import reverse

from complaints.models import Complaint

from .conftest import started_token
from .helpers import SEND_URL, STEP_ANSWERS, FormVisitor, hidden_answers, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    return FormVisitor(client)


class CookieBlockingClient(Client):
    """A browser that refuses every cookie, as a locked-down phone may; Django's CSRF check is on."""

    def __init__(self):
        super().__init__(enforce_csrf_checks=True)

    def request(self, **request):
        response = super().request(**request)
        assert not response.cookies, f"{request['PATH_INFO']} set {list(response.cookies)}"
        self.cookies.clear()
        return response


def test_the_whole_form_works_with_cookies_blocked():
    visitor = FormVisitor(CookieBlockingClient())

    visitor.complete()
    visitor.post(step_url("contact"), {"show": "1"})  # Back, then on again
    visitor.answer("contact", STEP_ANSWERS["contact"])
    visitor.send()

    complaint = Complaint.objects.get()
    assert complaint.display_reference in visitor.html
    assert complaint.contact_email == "morag@example.org"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://spam.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://spam.example"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["cross-site", "another subdomain", "other origin", "sandboxed frame"],
)
def test_another_site_cannot_make_its_visitors_post_complaints(visitor, client, headers):
    visitor.complete()

    answers = {"answers": hidden_answers(visitor.page), "started": started_token()}
    refused = [client.post(url, answers, **headers) for url in (SEND_URL, step_url("service"))]

    assert [response.status_code for response in refused] == [403, 403]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}, {}],
    ids=["fetch metadata", "origin", "neither header"],
)
def test_posts_from_the_form_itself_are_accepted(visitor, client, headers):
    visitor.complete()

    client.post(SEND_URL, {"answers": hidden_answers(visitor.page), "started": started_token()}, **headers)

    assert Complaint.objects.count() == 1


def test_staff_forms_still_need_a_csrf_token(admin_user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)

    response = strict.post(reverse("admin:complaints_complaint_changelist"), {"action": "x"})

    assert response.status_code == 403
