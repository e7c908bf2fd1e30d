"""A team member's session ends after a working day (`SOM_TEAM_SESSION_MAX_AGE`) and after an
idle hour (`SOM_TEAM_SESSION_IDLE`): their account can change everything, and a laptop or phone
left at a network day stays logged in otherwise. Other people keep Django's two weeks.

The login's time is written into the session with the login itself (the account adapter), and
the session store drops it a working day later; the last activity is kept in the shared cache,
not the session, so that a team member's requests write nothing to the database. A session
without a login time (logged in before this existed, or by a test) starts counting when first
seen. If the cache loses the last activity, the login time stands in for it: the session may end
early, never late.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

STARTED = "som_team_started"  # seconds since the epoch, in the session
SEEN_EVERY = 60  # the last activity is written at most once a minute
GRACE = 60  # the store keeps a session a minute longer, so that `ended` can say why


def _cache_key(request: HttpRequest, what: str) -> str:
    return f"som:team-session:{what}:{request.session.session_key}"


def start(request: HttpRequest) -> None:
    """At the login of a team member (the session is being written anyway)."""
    request.session[STARTED] = time.time()
    if not request.session.get_expire_at_browser_close():
        request.session.set_expiry(settings.SOM_TEAM_SESSION_MAX_AGE + GRACE)


def _started(request: HttpRequest, now: float) -> float:
    started = request.session.get(STARTED)
    if started is None:
        key = _cache_key(request, "started")
        cache.add(key, now, settings.SOM_TEAM_SESSION_MAX_AGE + GRACE)
        started = cache.get(key, now)
    return float(started)


def ended(request: HttpRequest) -> str:
    """Why this team member's session is over, or "" (and the activity is noted)."""
    now = time.time()
    started = _started(request, now)
    seen_key = _cache_key(request, "seen")
    seen = float(cache.get(seen_key, started))
    if now - started >= settings.SOM_TEAM_SESSION_MAX_AGE:
        return _("You were logged out after a working day. Log in again to go on.")
    if now - seen >= settings.SOM_TEAM_SESSION_IDLE:
        return _("You were logged out after a while without activity. Log in again to go on.")
    if now - seen >= SEEN_EVERY or seen == started:
        cache.set(seen_key, now, settings.SOM_TEAM_SESSION_IDLE + GRACE)
    return ""
