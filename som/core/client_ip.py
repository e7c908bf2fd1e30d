"""The visitor's address, the one every rate limit counts by (allauth's, through the account
adapter, and ours, through allauth's `consume`).

Behind a proxy, REMOTE_ADDR is the proxy: at a network day, 300 people in one venue and every
visitor of the site would share one budget. The proxy's header names the visitor instead, but
anybody can send that header, so it counts only when the deployment says a proxy it trusts sets
it: `ALLAUTH_TRUSTED_CLIENT_IP_HEADER` (a header such as nginx's `X-Real-IP`) or
`ALLAUTH_TRUSTED_PROXY_COUNT` (how many proxies of ours append to `X-Forwarded-For`; the address
that many places from the end is the one our first proxy saw). allauth's own names and meaning;
see docs/deploy.md.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)

UNKNOWN = "0.0.0.0"  # a key for the limits when nothing names the visitor


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _from_proxy(request: HttpRequest) -> str | None:
    header = getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
    if header:
        return _clean(request.headers.get(header))
    count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return _clean(hops[-count])
    return None


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: from the trusted proxy's header when one is configured, else the
    connection's. A missing or malformed header falls back to the connection (the proxy, so a
    shared budget: safe, never a way around a limit) and is logged, never a 500."""
    found = _from_proxy(request)
    if found is None and (
        getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
        or getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    ):
        logger.warning("A request without the trusted proxy's client address: is the proxy set up?")
    return found or _clean(request.META.get("REMOTE_ADDR")) or UNKNOWN
