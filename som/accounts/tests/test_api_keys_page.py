"""Mijn SOM's API keys: make one (shown once), list one's own, revoke one's own only."""

from django.urls import reverse

from som.accounts.api_tokens import revoke_api_token
from som.accounts.models import ApiToken
from som.accounts.services import create_api_token, person_for_token
from som.core.audit import entries_for

PAGE = "accounts:api_keys"


def test_mijn_som_links_to_the_api_keys(client_of, teacher):
    page = client_of(teacher).get(reverse("my_som:home"))
    assert reverse(PAGE).encode() in page.content


def test_a_new_key_is_shown_once_with_its_scopes_and_expiry(client_of, teacher):
    client = client_of(teacher)
    page = client.post(reverse(PAGE), {"name": "Agenda school", "scopes": ["read"], "days": 90})
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(person=teacher)
    secret = page.context["secret"]
    assert secret.encode() in page.content and person_for_token(secret) == teacher
    assert token.scope_list == ["read"] and token.name == "Agenda school"
    assert entries_for(token).filter(action="api_token.created", actor=teacher).exists()
    again = client.get(reverse(PAGE))
    assert secret.encode() not in again.content
    assert b"Agenda school" in again.content and token.prefix.encode() in again.content


def test_a_teacher_cannot_give_a_key_the_door(client_of, teacher):
    page = client_of(teacher).post(reverse(PAGE), {"scopes": ["checkin"], "days": 30})
    assert page.status_code == 200 and page.context["form"].errors["scopes"]
    assert not ApiToken.objects.filter(person=teacher).exists()


def test_a_lifetime_beyond_the_setting_is_refused(client_of, teacher, settings):
    settings.API_TOKEN_MAX_DAYS = 90
    page = client_of(teacher).post(reverse(PAGE), {"scopes": ["read"], "days": 365})
    assert page.context["form"].errors["days"]
    assert not ApiToken.objects.exists()


def test_the_page_lists_ones_own_keys_and_revokes_them(client_of, teacher, outsider):
    mine, secret = create_api_token(person=teacher, name="Mijn script")
    create_api_token(person=outsider, name="Ander script")
    client = client_of(teacher)
    page = client.get(reverse(PAGE))
    assert b"Mijn script" in page.content and b"Ander script" not in page.content
    answer = client.post(reverse("accounts:revoke_api_key", args=[mine.pk]), follow=True)
    assert answer.redirect_chain[-1][0] == reverse(PAGE)
    assert person_for_token(secret) is None
    assert entries_for(mine).filter(action="api_token.revoked", actor=teacher).exists()


def test_nobody_revokes_anothers_key_from_the_page(client_of, teacher, outsider):
    theirs, secret = create_api_token(person=outsider)
    answer = client_of(teacher).post(reverse("accounts:revoke_api_key", args=[theirs.pk]))
    assert answer.status_code == 404
    assert person_for_token(secret) == outsider


def test_a_revoked_key_has_no_button_and_a_second_revocation_changes_nothing(client_of, teacher):
    token, _secret = create_api_token(person=teacher)
    revoke_api_token(token=token, by=teacher)
    token.refresh_from_db()
    client = client_of(teacher)
    url = reverse("accounts:revoke_api_key", args=[token.pk])
    assert url.encode() not in client.get(reverse(PAGE)).content
    client.post(url)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == token.revoked_at


def test_the_page_needs_a_login_and_revoking_a_post(client, client_of, teacher):
    assert client.get(reverse(PAGE)).status_code == 302
    token, _secret = create_api_token(person=teacher)
    url = reverse("accounts:revoke_api_key", args=[token.pk])
    assert client_of(teacher).get(url).status_code == 405


def test_the_keys_at_work_come_before_the_revoked_ones(client_of, teacher):
    create_api_token(person=teacher, name="Eerste")
    revoked, _ = create_api_token(person=teacher, name="Tweede")
    create_api_token(person=teacher, name="Derde")
    revoke_api_token(token=revoked, by=teacher)
    page = client_of(teacher).get(reverse(PAGE))
    assert [token.name for token in page.context["tokens"]] == ["Derde", "Eerste", "Tweede"]
