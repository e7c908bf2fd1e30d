from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailConfirmation
from allauth.account.utils import get_next_redirect_url
from django.http import HttpRequest


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
