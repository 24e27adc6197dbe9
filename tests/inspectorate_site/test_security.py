"""Security headers on every public response, and staff logins that resist guessing."""

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, StaffFactory, SuperuserFactory, published_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_page():
    author = SuperuserFactory(username="author")
    return published_page("Our values", user=author, slug="our-values", body="<p>Values</p>")


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", ["/our-values/", "/no-such-page/", "/healthz"])
def test_public_responses_carry_the_security_headers(client, content_page, path):
    response = client.get(path)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_public_pages_allow_no_inline_script_or_style(client, content_page):
    directives = csp_directives(client.get("/our-values/"))

    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]


def test_public_pages_contain_no_inline_script(client, content_page):
    html = client.get("/our-values/").content.decode()

    # Every <script> must load a file: inline code would be blocked by the policy.
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag, f"inline script found: <script{tag}>"


def test_signed_in_staff_get_the_policy_the_cms_toolbar_needs(client, content_page):
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    response = client.get("/our-values/")

    assert "'unsafe-inline'" in csp_directives(response)["script-src"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_repeated_wrong_passwords_lock_the_account_out(client):
    StaffFactory(username="officer")
    login_url = reverse("admin:login")

    for _ in range(5):
        client.post(login_url, {"username": "officer", "password": "guess"})
    response = client.post(login_url, {"username": "officer", "password": DEFAULT_PASSWORD})

    assert response.status_code == 429
    assert b"too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in_before_the_limit(client):
    StaffFactory(username="officer")
    login_url = reverse("admin:login")

    for _ in range(3):
        client.post(login_url, {"username": "officer", "password": "guess"})
    client.post(login_url, {"username": "officer", "password": DEFAULT_PASSWORD})

    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("path", ["/our-values%00/", "/publications/%00", "/services/CS2003000025%00/"])
def test_a_nul_character_in_the_address_is_not_found_not_an_error(client, content_page, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("method", ["options", "trace", "post", "put", "delete"])
def test_content_pages_refuse_methods_other_than_get_and_head(client, content_page, method):
    client.get("/our-values/")  # a cached copy must not answer other methods either

    response = client.generic(method.upper(), "/our-values/")

    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert b"Values" not in response.content


def test_content_pages_answer_head(client, content_page):
    assert client.head("/our-values/").status_code == 200


def test_content_pages_vary_on_named_headers_only(client, content_page):
    cold = client.get("/our-values/")
    warm = client.get("/our-values/")

    for response in (cold, warm):
        names = [name.strip() for name in response.headers.get("Vary", "").split(",")]
        assert "" not in names, response.headers.get("Vary")
