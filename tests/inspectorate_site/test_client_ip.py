"""The visitor's address: X-Forwarded-For is believed only from the proxies in TRUSTED_PROXIES."""

from ipaddress import ip_network

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from inspectorate_site.client_ip import client_ip
from inspectorate_site.settings.base import env_networks
from tests.factories import DEFAULT_PASSWORD, StaffFactory

LOAD_BALANCERS = [ip_network("10.0.0.0/24")]
LOAD_BALANCER = "10.0.0.2"
ATTACKER = "203.0.113.9"


@pytest.fixture
def behind_load_balancer(settings):
    """Production as deployed: a load balancer in front, gunicorn also reachable directly."""
    settings.TRUSTED_PROXIES = LOAD_BALANCERS
    return settings


def address(remote_addr, forwarded_for=None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


def rotating_forwarded_for(count):
    return [f"198.51.100.{n}" for n in range(1, count + 1)]


def test_with_no_trusted_proxies_the_visitor_is_the_connecting_address(settings):
    settings.TRUSTED_PROXIES = []

    assert address(ATTACKER, "1.2.3.4") == ATTACKER
    assert address(LOAD_BALANCER, "198.51.100.7") == LOAD_BALANCER


def test_a_direct_connection_cannot_claim_another_address(behind_load_balancer):
    assert address(ATTACKER, "1.2.3.4") == ATTACKER
    # Naming the load balancer itself does not help either.
    assert address(ATTACKER, f"1.2.3.4, {LOAD_BALANCER}") == ATTACKER


def test_through_the_load_balancer_the_visitor_is_what_it_saw(behind_load_balancer):
    assert address(LOAD_BALANCER, "198.51.100.7") == "198.51.100.7"


def test_through_the_load_balancer_a_forged_forwarded_for_is_ignored(behind_load_balancer):
    # The client claimed 1.2.3.4; the load balancer appended what it really saw.
    assert address(LOAD_BALANCER, "1.2.3.4, 198.51.100.7") == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_visitor(settings):
    settings.TRUSTED_PROXIES = [*LOAD_BALANCERS, ip_network("192.0.2.0/28")]  # a CDN, then the balancer

    assert address(LOAD_BALANCER, "1.2.3.4, 198.51.100.7, 192.0.2.5") == "198.51.100.7"


def test_a_balancer_that_forwards_nothing_usable_counts_as_the_visitor(behind_load_balancer):
    assert address(LOAD_BALANCER) == LOAD_BALANCER
    assert address(LOAD_BALANCER, "") == LOAD_BALANCER
    assert address(LOAD_BALANCER, "not-an-address") == LOAD_BALANCER
    assert address(LOAD_BALANCER, "198.51.100.7, ") == LOAD_BALANCER


def test_ipv4_mapped_and_ipv6_addresses_are_understood(settings):
    settings.TRUSTED_PROXIES = [*LOAD_BALANCERS, ip_network("2001:db8::/64")]

    assert address(f"::ffff:{LOAD_BALANCER}", "198.51.100.7") == "198.51.100.7"
    assert address("2001:db8::1", "2001:db8:ffff::9") == "2001:db8:ffff::9"


def test_trusted_proxies_are_read_as_addresses_and_networks(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/24, 192.0.2.7,2001:db8::/64")

    assert env_networks("TRUSTED_PROXIES") == [
        ip_network("10.0.0.0/24"),
        ip_network("192.0.2.7/32"),
        ip_network("2001:db8::/64"),
    ]


def test_a_mistyped_trusted_proxy_stops_the_site_starting(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/24,10.0.0.300")

    with pytest.raises(ImproperlyConfigured, match="10.0.0.300"):
        env_networks("TRUSTED_PROXIES")


# --- What the attacker actually wanted: around the lockout and the rate limit ------


def sign_in(client, password, **headers):
    return client.post(reverse("admin:login"), {"username": "officer", "password": password}, **headers)


@pytest.mark.django_db
def test_rotating_forwarded_for_does_not_get_round_the_login_lockout(client, behind_load_balancer):
    StaffFactory(username="officer")
    for forged in rotating_forwarded_for(5):
        sign_in(client, "guess", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=forged)

    response = sign_in(client, DEFAULT_PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="198.51.100.99")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_behind_the_balancer_one_visitors_lockout_leaves_the_others_alone(client, behind_load_balancer):
    StaffFactory(username="officer")
    for _ in range(5):
        sign_in(client, "guess", REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.1")

    locked = sign_in(client, DEFAULT_PASSWORD, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert locked.status_code == 429
    sign_in(client, DEFAULT_PASSWORD, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert "_auth_user_id" in client.session


def post_form(client, remote_addr, forwarded_for):
    url = reverse("complaints:step", args=["service"])
    return client.post(url, {}, REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.mark.django_db
def test_rotating_forwarded_for_does_not_get_round_the_complaint_rate_limit(client, behind_load_balancer):
    behind_load_balancer.COMPLAINTS_FORM_RATE = "3/m"
    statuses = [post_form(client, ATTACKER, forged).status_code for forged in rotating_forwarded_for(4)]

    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429


@pytest.mark.django_db
def test_behind_the_balancer_the_rate_limit_counts_each_visitor(client, behind_load_balancer):
    behind_load_balancer.COMPLAINTS_FORM_RATE = "3/m"
    for _ in range(3):
        post_form(client, LOAD_BALANCER, "198.51.100.1")

    assert post_form(client, LOAD_BALANCER, "1.2.3.4, 198.51.100.1").status_code == 429
    assert post_form(client, LOAD_BALANCER, "198.51.100.2").status_code == 200
