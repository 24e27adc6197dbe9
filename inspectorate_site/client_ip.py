"""The visitor's address, for login lockouts and rate limits.

REMOTE_ADDR is whoever opened the connection. Behind the load balancer that is
the balancer, which would put every visitor under one limit; the balancer
appends the address it saw to X-Forwarded-For. But anyone who reaches the app
server directly can send that header too, and a new made-up address on every
attempt would get round both limits. So the header is read only when the
connection comes from a proxy in TRUSTED_PROXIES, and only as far back as the
chain of trusted proxies goes: walking from the right, the first address that
is not a trusted proxy is the visitor. Anything further left was written by
the client.
"""

from ipaddress import IPv4Address, IPv6Address, ip_address

from django.conf import settings


def client_ip(request) -> str:
    visitor = request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while _is_trusted_proxy(visitor) and hops:
        hop = _parse(hops.pop())
        if hop is None:
            # A trusted proxy writes real addresses; anything else means the
            # chain is broken here, so the last trusted proxy stands for the visitor.
            break
        visitor = str(hop)
    return visitor


def _is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in settings.TRUSTED_PROXIES)


def _parse(address: str) -> IPv4Address | IPv6Address | None:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    return getattr(parsed, "ipv4_mapped", None) or parsed
