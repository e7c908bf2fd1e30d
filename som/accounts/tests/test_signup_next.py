"""Where a person was going when they signed up (`next`, say the membership application) survives
the email confirmation: in the same browser, and in another one (the mail opened on a phone)."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

APPLY = "/lidmaatschap/aanvragen/"
SIGN_UP = {
    "email": "directie@hetnieuweveld.be",
    "full_name": "Dana Directeur",
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
}


def _sign_up(client: Client, next_url: str) -> str:
    response = client.post(
        f"{reverse('account_signup')}?next={next_url}", {**SIGN_UP, "next": next_url}
    )
    assert response.status_code == 302
    match = re.search(r"https?://testserver(\S+)", str(mail.outbox[-1].body))
    assert match
    return match.group(1)


def test_the_apply_url_is_what_we_test_with(db):
    assert reverse("membership:apply") == APPLY


def test_confirming_in_the_same_browser_logs_in_and_goes_on_to_next(client, db):
    link = _sign_up(client, APPLY)
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, {"next": page.context["redirect_field_value"]})
    assert response.status_code == 302
    assert response["Location"] == APPLY
    assert client.get(APPLY).status_code == 200  # logged in


def test_confirming_in_another_browser_goes_on_to_next_after_logging_in(client, db):
    link = _sign_up(client, APPLY)
    assert "next=" in link
    other = Client()
    page = other.get(link)
    response = other.post(link, {"next": page.context["redirect_field_value"]})
    assert response.status_code == 302
    assert response["Location"] == APPLY
    to_login = other.get(APPLY)
    assert to_login["Location"].startswith(reverse("account_login"))
    assert to_login["Location"].endswith("next=" + APPLY)


def test_a_foreign_next_is_not_put_in_the_mail(client, db):
    link = _sign_up(client, "https://evil.example/")
    assert "evil" not in link
