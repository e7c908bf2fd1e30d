import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse

from som.accounts.models import Person


def _code_in(message: EmailMessage, pattern: str) -> str | None:
    match = re.search(pattern, str(message.body), re.M)
    return match.group(1) if match else None


def test_sign_up_by_email_then_verify_then_log_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "nieuw@school.example",
            "full_name": "Nina Nieuw",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="nieuw@school.example")
    assert person.full_name == "Nina Nieuw"
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mail.outbox) == 1

    link = _code_in(mail.outbox[0], r"https?://testserver(\S+)")
    assert link
    client.post(link)
    assert EmailAddress.objects.get(user=person).verified


def test_unverified_person_cannot_log_in_until_the_email_is_confirmed(client, db):
    from som.accounts.services import create_person

    create_person(email="later@example.org", full_name="Later", password="een-lang-wachtwoord-42")
    response = client.post(
        "/accounts/login/", {"login": "later@example.org", "password": "een-lang-wachtwoord-42"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_log_in_with_password(client, teacher):
    response = client.post(
        "/accounts/login/", {"login": teacher.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_log_out_from_the_header_asks_to_confirm_then_logs_out(client, teacher):
    """The header links to the log-out page (it carries no CSRF token, so it is cached whole):
    opening that page logs nobody out, its button does."""
    client.force_login(teacher)
    header = client.get(reverse("accounts:home")).content.decode()
    assert f'href="{reverse("account_logout")}"' in header
    confirm = client.get(reverse("account_logout"))
    assert confirm.status_code == 200
    assert "_auth_user_id" in client.session
    assert "csrfmiddlewaretoken" in confirm.content.decode()
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_log_in_by_code_sent_by_mail(client, teacher):
    client.post("/accounts/login/code/", {"email": teacher.email})
    assert len(mail.outbox) == 1
    code = _code_in(mail.outbox[0], r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$")
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_password_reset_mails_a_link(client, teacher):
    client.post("/accounts/password/reset/", {"email": teacher.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_after_five_failed_logins_even_the_right_password_is_refused_for_a_while(client, teacher):
    for _ in range(5):
        client.post("/accounts/login/", {"login": teacher.email, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": teacher.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_team_member_without_two_factor_is_sent_to_set_it_up(client_of, db):
    from som.network.tests.factories import make_person

    newcomer = make_person(email="nieuw-team@som.example", is_staff=True)
    response = client_of(newcomer).get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_team_member_with_two_factor_reaches_the_back_office(client_of, team_member):
    assert client_of(team_member).get("/admin/").status_code == 200


def test_team_member_logging_in_is_asked_for_the_authenticator_code(client, team_member):
    response = client.post(
        "/accounts/login/", {"login": team_member.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_createsuperuser_noinput_uses_the_environment(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "root@som.example")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-lang-wachtwoord-42")
    monkeypatch.setenv("DJANGO_SUPERUSER_FULL_NAME", "Root")
    call_command("createsuperuser", "--noinput", verbosity=0)
    person = Person.objects.get(email="root@som.example")
    assert person.is_superuser and person.is_staff
