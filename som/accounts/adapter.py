from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailConfirmation
from allauth.account.utils import get_next_redirect_url
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from som.accounts import login_delays, team_sessions
from som.core.client_ip import client_ip


def _login_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def get_email_confirmation_url(
        self, request: HttpRequest, emailconfirmation: EmailConfirmation
    ) -> str:
        """The link in the confirmation mail carries where the person was going (`next`), so
        it survives the confirmation in another browser too (in the same one, the pending login
        takes them there)."""
        url = str(super().get_email_confirmation_url(request, emailconfirmation))
        target = get_next_redirect_url(request) if request is not None else None
        return f"{url}?{urlencode({'next': target})}" if target else url

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        super().login(request, user)
        if getattr(user, "is_staff", False):
            team_sessions.start(request)

    def get_client_ip(self, request: HttpRequest) -> str:
        """Every limit counts by the same address (the trusted proxy's header, if any)."""
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        seconds = login_delays.seconds_to_wait(request, _login_of(credentials))
        if seconds:
            raise forms.ValidationError(
                login_delays.wait_message(seconds), code="too_many_login_attempts"
            )
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_delays.forget(request, _login_of(credentials))
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login_delays.note_failure(request, _login_of(credentials))
