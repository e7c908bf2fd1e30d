import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a team member without MFA may still use: setting MFA up (allauth asks for the password
# again first), logging out, static files.
_ALLOWED_PREFIXES = ("/accounts/2fa/", "/en/accounts/2fa/", "/static/", "/healthz", "/i18n/")
_ALLOWED_NAMES = ("account_logout", "account_reauthenticate", "mfa_activate_totp", "mfa_index")


class RequireTeamMfaMiddleware:
    """Team members (is_staff) must set up an authenticator app before they can do anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not self._is_allowed(request.path)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_allowed(path: str) -> bool:
        if path.startswith(_ALLOWED_PREFIXES):
            return True
        return any(path == reverse(name) for name in _ALLOWED_NAMES)


TEAM_SESSION = "som_team_session"  # [started, last seen], in seconds since the epoch
SEEN_EVERY = 60  # the last-seen time is written at most once a minute (a session write)


class TeamSessionMiddleware:
    """A team member's session ends after a working day (SOM_TEAM_SESSION_MAX_AGE) and after an
    idle hour (SOM_TEAM_SESSION_IDLE): their account can change everything, and a phone or a
    shared computer at a network day stays logged in otherwise. Checked here on every request,
    so the session's own expiry (also set) is only tidiness. Other people are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff:
            ended = self._ended(request)
            if ended:
                logout(request)
                messages.info(request, ended)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _ended(request: HttpRequest) -> str:
        """Why the session is over ("" while it is not); notes the activity otherwise."""
        now = time.time()
        session = request.session
        started, seen = session.get(TEAM_SESSION) or (now, 0.0)
        if now - started >= settings.SOM_TEAM_SESSION_MAX_AGE:
            return _("You were logged out after a working day. Log in again to go on.")
        if seen and now - seen >= settings.SOM_TEAM_SESSION_IDLE:
            return _("You were logged out after a while without activity. Log in again to go on.")
        if now - seen >= SEEN_EVERY:
            session[TEAM_SESSION] = [started, now]
            if not session.get_expire_at_browser_close():
                left = settings.SOM_TEAM_SESSION_MAX_AGE - (now - started)
                # A minute more, so that the check above, which says why, comes first.
                session.set_expiry(int(min(settings.SOM_TEAM_SESSION_IDLE, left)) + SEEN_EVERY)
        return ""
