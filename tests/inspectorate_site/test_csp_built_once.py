"""The security policy from settings is built once, not for every response; per-response policies still apply."""

import csp.middleware
import pytest
from csp.utils import build_policy
from django.urls import reverse

from inspectorate_site import csp as site_csp
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Every policy string django-csp builds while the test runs."""
    built = []

    def counting_build(*args, **kwargs):
        built.append(kwargs)
        return build_policy(*args, **kwargs)

    monkeypatch.setattr(site_csp, "build_policy", counting_build)
    monkeypatch.setattr(csp.middleware, "build_policy", counting_build)
    monkeypatch.setattr(site_csp, "_built", {})
    return built


def test_public_responses_share_one_policy_built_once(client, builds):
    responses = [
        client.get(path) for path in ["/", reverse("services_registry:service_search"), "/", "/no-such-page/"]
    ]

    policies = {response["Content-Security-Policy"] for response in responses}
    assert policies == {build_policy()}
    assert len(builds) == 2, "the policy and the report-only policy, once each"


def test_a_changed_setting_is_built_again(client, builds, settings):
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}

    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"


def test_staff_still_get_their_own_policy(client, builds):
    client.force_login(StaffFactory(username="editor", groups=["Content editor"]))

    response = client.get(reverse("admin:index"))

    assert response["Content-Security-Policy"] != site_csp.settings_policies()[0]
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
