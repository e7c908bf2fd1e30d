"""A team member who is not a superuser cannot raise their own rights through the back office:
not by making anyone superuser or team, not by a colleague's address or password, not by
reading the second factors or the queued work. Tried the way it would be tried: POSTing the
admin's own forms with the fields added by hand."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from conftest import TEAM_TOTP_SECRET
from som.accounts import team_changes
from som.accounts.models import Person
from som.accounts.services import activate_totp
from som.core.errors import DomainError
from som.core.models import AuditEntry
from som.network.tests.factories import make_person

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def superuser(db) -> Person:
    person = make_person(email="root@som.example", is_staff=True)
    Person.objects.filter(pk=person.pk).update(is_superuser=True)
    person.refresh_from_db()
    activate_totp(person=person, secret=TEAM_TOTP_SECRET)
    return person


@pytest.fixture
def colleague(db) -> Person:
    person = make_person(email="collega@som.example", full_name="Cas Collega", is_staff=True)
    activate_totp(person=person, secret=TEAM_TOTP_SECRET)
    return person


def _change_url(person: Person) -> str:
    return reverse("admin:accounts_person_change", args=[person.pk])


def _post_person(client, person: Person, **fields: str):
    """The change form as the browser would send it, with `fields` added or overridden."""
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "language": person.language,
        "is_active": "on",
        **fields,
    }
    return client.post(_change_url(person), data)


def test_a_team_member_cannot_make_anyone_superuser_or_team(client_of, team_member, teacher):
    group = Group.objects.create(name="Alles")
    group.permissions.set(Permission.objects.all())
    client = client_of(team_member)
    escalation = {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": str(group.pk),
        "user_permissions": str(Permission.objects.get(codename="change_permission").pk),
    }

    for person in (teacher, team_member):
        response = _post_person(client, person, full_name="Nieuwe Naam", **escalation)
        assert response.status_code == 302  # the rest of the form is saved
        person.refresh_from_db()
        assert person.full_name == "Nieuwe Naam"
        assert not person.is_superuser
        assert person.is_staff == (person == team_member)
        assert not person.groups.filter(pk=group.pk).exists()  # (the team's own groups stay)
        assert not person.user_permissions.exists()


def test_the_change_form_shows_a_team_member_the_rights_without_fields_to_change(
    client_of, team_member, teacher
):
    response = client_of(team_member).get(_change_url(teacher))
    form = response.context["adminform"].form
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields)
    assert b'name="is_superuser"' not in response.content
    assert "'password'" not in str(response.context["adminform"].fieldsets)
    assert b"/password/" not in response.content  # no link to set a password


def test_a_team_member_cannot_change_a_colleagues_address(
    client_of, team_member, colleague, superuser
):
    client = client_of(team_member)
    for person in (colleague, superuser):
        response = _post_person(client, person, email="aanvaller@example.org")
        person.refresh_from_db()
        assert person.email != "aanvaller@example.org"
        assert response.status_code == 302
        assert person.is_active


def test_a_team_member_cannot_deactivate_or_delete_a_colleague(client_of, team_member, colleague):
    client = client_of(team_member)
    _post_person(client, colleague, is_active="")
    colleague.refresh_from_db()
    assert colleague.is_active
    response = client.post(
        reverse("admin:accounts_person_delete", args=[colleague.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Person.objects.filter(pk=colleague.pk).exists()


def test_a_team_member_can_still_correct_a_teachers_address(client_of, team_member, teacher):
    _post_person(client_of(team_member), teacher, email="juist@delinde.be")
    teacher.refresh_from_db()
    assert teacher.email == "juist@delinde.be"


def test_a_team_member_cannot_set_anybodys_password(client_of, team_member, superuser, teacher):
    client = client_of(team_member)
    for person in (superuser, teacher, team_member):
        url = reverse("admin:auth_user_password_change", args=[person.pk])
        assert client.get(url).status_code == 403
        response = client.post(
            url,
            {"password1": "overgenomen-42-xyz", "password2": "overgenomen-42-xyz"},
        )
        assert response.status_code == 403
        person.refresh_from_db()
        assert person.check_password(PASSWORD)


def test_a_team_member_cannot_take_over_a_colleagues_address_in_allauths_table(
    client_of, team_member, colleague
):
    client = client_of(team_member)
    address = EmailAddress.objects.get(user=colleague, email=colleague.email)
    response = client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": colleague.pk, "email": "aanvaller@example.org", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": colleague.pk, "email": "aanvaller@example.org", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    assert not EmailAddress.objects.filter(email="aanvaller@example.org").exists()


def test_the_team_only_reads_allauths_addresses(client_of, team_member, teacher):
    """A verified address proves where someone works (staff by domain): the team may not tick
    it, nor add or delete an address, around the person's own account pages and the audit log.
    """
    client = client_of(team_member)
    address = EmailAddress.objects.get(user=teacher, email=teacher.email)
    EmailAddress.objects.filter(pk=address.pk).update(verified=False)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    assert client.get(url).status_code == 200  # to look it up
    response = client.post(
        url, {"user": teacher.pk, "email": teacher.email, "verified": "on", "primary": "on"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": teacher.pk, "email": "tweede@delinde.be", "verified": "on", "primary": ""},
    )
    assert response.status_code == 403
    delete = reverse("admin:account_emailaddress_delete", args=[address.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    address.refresh_from_db()
    assert not address.verified
    assert EmailAddress.objects.filter(user=teacher).count() == 1


def test_the_second_factors_and_the_queued_work_are_not_in_the_teams_back_office(
    client_of, team_member
):
    client = client_of(team_member)
    _post_person(client, team_member, is_superuser="on")  # the old way in
    for name in (
        "admin:mfa_authenticator_changelist",
        "admin:django_tasks_database_dbtaskresult_changelist",
    ):
        assert client.get(reverse(name)).status_code == 403
    authenticator = Authenticator.objects.get(user=team_member)
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    assert client.get(url).status_code == 403
    assert b"Authenticator" not in client.get(reverse("admin:index")).content


def test_a_superuser_keeps_every_right(client_of, superuser, teacher):
    client = client_of(superuser)
    _post_person(client, teacher, is_superuser="on", is_staff="on", email="nieuw@delinde.be")
    teacher.refresh_from_db()
    assert teacher.is_superuser and teacher.is_staff and teacher.email == "nieuw@delinde.be"
    url = reverse("admin:auth_user_password_change", args=[teacher.pk])
    client.post(
        url, {"password1": "een-nieuw-wachtwoord-42", "password2": "een-nieuw-wachtwoord-42"}
    )
    teacher.refresh_from_db()
    assert teacher.check_password("een-nieuw-wachtwoord-42")


def test_a_superuser_sees_no_secret_and_can_remove_a_lost_authenticator(
    client_of, superuser, colleague
):
    client = client_of(superuser)
    authenticator = Authenticator.objects.get(user=colleague)
    page = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200
    assert TEAM_TOTP_SECRET.encode() not in page.content
    assert b"fernet:" not in page.content

    client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    assert not Authenticator.objects.filter(user=colleague).exists()
    entry = AuditEntry.objects.get(action="person.mfa_removed")
    assert entry.actor == superuser
    assert entry.object_id == str(colleague.pk)


def test_the_service_refuses_a_superusers_field_whatever_the_entrance(team_member, colleague):
    with pytest.raises(DomainError) as error:
        team_changes.update_person(
            person=team_member, by=team_member, changes={"is_superuser": True, "full_name": "X"}
        )
    assert error.value.code == "superuser_only"
    with pytest.raises(DomainError):
        team_changes.update_person(
            person=colleague, by=team_member, changes={"email": "aanvaller@example.org"}
        )
    team_member.refresh_from_db()
    colleague.refresh_from_db()
    assert not team_member.is_superuser and team_member.full_name == "Tine Team"
    assert colleague.email == "collega@som.example"


def test_a_change_in_the_back_office_is_audited(client_of, team_member, teacher):
    _post_person(client_of(team_member), teacher, full_name="Youssef El Amrani")
    entry = AuditEntry.objects.get(action="person.updated", object_id=str(teacher.pk))
    assert entry.actor == team_member
    assert entry.changes == {"full_name": [teacher.full_name, "Youssef El Amrani"]}
