import re
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils import translation

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


# Wagtail's own user and group management: a team member may change people only through the
# back office's rules (som/accounts/team_changes.py), never make someone superuser here.
_CMS_SUPERUSER_NAMESPACES = ("wagtailusers_users", "wagtailusers_groups")
_FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


class TeamOnlyCmsMiddleware:
    """Wagtail's admin (/cms/) is the team's, and this is its one gate (after the two above: a
    team member's session is current and has its second factor):

    - nobody logs in there: Wagtail's login page and a logged-out visitor go to our login
      (allauth, with the second factor), which comes back here; so does Wagtail's login for
      private pages on the site;
    - only team members (is_staff) get in, whatever Wagtail permission someone else holds (a
      group given by mistake): 403;
    - the admin speaks the team member's account language (unless they chose another one in
      Wagtail's own account settings);
    - its responses get the admin's content security policy, and Wagtail's previews may be
      framed by the admin itself (settings.CMS_CONTENT_SECURITY_POLICY, docs/decisions.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.endswith(_WAGTAIL_SITE_LOGIN) and _is_wagtail_site_login(request):
            # Wagtail's login for private pages (/_util/login/, in each language) would also
            # take a password alone: never served either.
            return redirect_to_login(request.GET.get("next") or "/", reverse("account_login"))
        home = reverse("wagtailadmin_home")
        if not request.path.startswith(home):
            return self.get_response(request)
        user = request.user
        if request.path == reverse("wagtailadmin_login"):
            return redirect_to_login(request.GET.get("next") or home, reverse("account_login"))
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if not user.is_staff:
            raise PermissionDenied
        match = _resolve(request.path_info)
        if not user.is_superuser and match and match.namespace in _CMS_SUPERUSER_NAMESPACES:
            raise PermissionDenied
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # django-csp (outside this middleware) builds the header from this.
        policy = dict(settings.CMS_CONTENT_SECURITY_POLICY)
        if match and "preview" in (match.url_name or ""):
            # A page's (or a block's) preview, shown in the editor's panel: framed by the
            # admin only, never by another site.
            response["X-Frame-Options"] = "SAMEORIGIN"
            own = response.get("Content-Security-Policy")
            if own:
                # Wagtail renders a page's preview through the whole middleware as a request
                # for the page's address: the public site's policy, which it keeps but this.
                response["Content-Security-Policy"] = _FRAME_ANCESTORS.sub(
                    "frame-ancestors 'self'", own
                )
                return response
            policy["frame-ancestors"] = ["'self'"]
        response._csp_replace = policy  # type: ignore[attr-defined]
        return response


_WAGTAIL_SITE_LOGIN = "/_util/login/"


def _is_wagtail_site_login(request: HttpRequest) -> bool:
    match = _resolve(request.path_info)
    return bool(match and match.url_name == "wagtailcore_login")


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None
