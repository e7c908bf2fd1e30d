from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from som.accounts import team_sessions

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


class TeamSessionMiddleware:
    """Ends a team member's session after a working day or an idle hour (team_sessions), and
    says why on the login page. Other people are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff:
            why = team_sessions.ended(request)
            if why:
                logout(request)
                messages.info(request, why)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
