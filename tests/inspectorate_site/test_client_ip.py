from django.test import RequestFactory

from inspectorate_site.client_ip import client_ip


def test_without_proxies_the_visitor_is_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "203.0.113.9"


def test_behind_the_load_balancer_a_forged_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client claimed 1.2.3.4; the load balancer appended what it really saw.
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"
