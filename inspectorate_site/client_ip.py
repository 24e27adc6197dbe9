"""The visitor's address, for login lockouts and rate limits.

Behind the load balancer REMOTE_ADDR is the balancer itself, which would put
every visitor under one limit. Each trusted proxy appends the address it saw
to X-Forwarded-For, so the visitor is the entry TRUSTED_PROXY_COUNT from the
end; anything before it was written by the client and cannot be trusted.
"""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
