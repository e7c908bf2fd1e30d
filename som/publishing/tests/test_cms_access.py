"""Wagtail's admin (/cms/) is the team's: through our login with the second factor, in Dutch, with
the team's Wagtail rights (som/accounts/middleware.py TeamOnlyCmsMiddleware, team_editors.py)."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permissions import policy_registry

from conftest import TEAM_TOTP_SECRET
from som.accounts import team_changes
from som.accounts.models import Person
from som.accounts.services import confirm_erasure, current_totp_code, request_erasure
from som.network.tests.factories import make_person
from som.publishing.models import HomePage, StoryIndexPage
from som.publishing.site_pages import ensure_site_pages
from som.publishing.team_editors import GROUP_NAME, team_group

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
CMS = "/cms/"


def _log_in_with_totp(client: Client, person: Person) -> None:
    """Our login, then the authenticator's code: how a team member really gets in."""
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TEAM_TOTP_SECRET)})
    assert int(client.session["_auth_user_id"]) == person.pk


def _home() -> HomePage:
    return HomePage.objects.get(locale__language_code="nl")


# --- Who gets in -------------------------------------------------------------------------------


def test_a_team_member_with_the_second_factor_opens_the_admin_in_dutch(client, team_member):
    _log_in_with_totp(client, team_member)
    response = client.get(CMS)
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[_home().pk]))
    assert edit.status_code == 200
    assert "Publiceren" in edit.content.decode()


def test_a_team_member_without_an_authenticator_cannot_open_the_wagtail_admin(client):
    newcomer = make_person(email="nieuw@som.example", is_staff=True)
    client.force_login(newcomer)
    for path in (CMS, reverse("wagtailadmin_explore_root"), reverse("wagtailimages:add_multiple")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    assert client.post(reverse("wagtailadmin_pages:edit", args=[_home().pk]), {}).status_code == 302
    assert _home().live_revision == _home().latest_revision


def test_losing_the_authenticator_closes_the_admin_again(client, team_member):
    _log_in_with_totp(client, team_member)
    assert client.get(CMS).status_code == 200
    Authenticator.objects.filter(user=team_member).delete()
    assert client.get(CMS)["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("who", ["teacher", "lab_lead", "school_contact"])
def test_people_outside_the_team_get_no_admin(client, who, request):
    person = request.getfixturevalue(who)
    client.force_login(person)
    assert client.get(CMS).status_code == 403
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 403
    assert client.post(reverse("wagtailimages:add_multiple"), {}).status_code == 403


def test_wagtails_permission_given_by_mistake_opens_nothing(client, teacher):
    """A teacher put in the team's group (or given access_admin) still gets a 403: the gate is
    being in the team, not a Wagtail permission."""
    teacher.groups.add(team_group())
    teacher.user_permissions.add(Permission.objects.get(codename="access_admin"))
    teacher = Person.objects.get(pk=teacher.pk)
    assert teacher.has_perm("wagtailadmin.access_admin")
    client.force_login(teacher)
    assert client.get(CMS).status_code == 403
    home = _home()
    before = home.latest_revision_id
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        {"title": "Overgenomen", "slug": "home", "action-publish": "1"},
    )
    assert response.status_code == 403
    assert _home().latest_revision_id == before


def test_a_logged_out_visitor_goes_to_our_login(client):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[1]) + "?x=1")
    assert response.status_code == 302
    login, _, query = response["Location"].partition("?")
    assert login == reverse("account_login")
    assert "next=/cms/pages/1/edit/%3Fx%3D1" in query


def test_wagtails_login_page_cannot_log_anyone_in_with_a_password_alone(client, team_member):
    """Wagtail's login form would take the password without the second factor."""
    response = client.post(
        reverse("wagtailadmin_login"), {"username": team_member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_login"))["Location"].startswith(
        reverse("account_login")
    )


@pytest.mark.parametrize("path", ["/_util/login/", "/en/_util/login/"])
def test_wagtails_login_for_private_pages_cannot_log_anyone_in_either(client, team_member, path):
    """A password alone there would have been a session without the second factor: the admin,
    the back office, everything."""
    ours = "/accounts/login/?next="  # (under /en/ in English)
    assert ours in client.get(path)["Location"]
    response = client.post(path, {"username": team_member.email, "password": PASSWORD, "next": CMS})
    assert response.status_code == 302
    assert ours in response["Location"]
    assert "_auth_user_id" not in client.session
    assert client.get(CMS)["Location"].startswith(reverse("account_login"))


def test_wagtail_sends_a_private_pages_visitor_to_our_login():
    from wagtail.wagtail_hooks import require_wagtail_login

    assert require_wagtail_login("/geheim/")["Location"] == reverse("account_login") + (
        "?next=/geheim/"
    )


def test_wagtails_user_and_group_management_is_for_superusers(client, team_member):
    """The team's back-office rights include people, but Wagtail's user form would let a team
    member make someone superuser: only team_changes' rules apply (the Django admin)."""
    colleague = make_person(email="collega@som.example", is_staff=True)
    client.force_login(team_member)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 403
    response = client.post(
        reverse("wagtailusers_users:edit", args=[colleague.pk]),
        {"email": colleague.email, "is_superuser": "on", "is_active": "on"},
    )
    assert response.status_code == 403
    assert not Person.objects.get(pk=colleague.pk).is_superuser
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 403


def test_the_team_session_limits_apply_to_the_admin(client, team_member, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC), tick=False)
    _log_in_with_totp(client, team_member)
    assert client.get(CMS).status_code == 200
    time_machine.shift(datetime.timedelta(minutes=61))
    response = client.get(CMS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_there_is_no_admin_under_a_language_prefix(client, team_member):
    client.force_login(team_member)
    assert client.get("/en/cms/").status_code == 404


# --- The team's Wagtail rights ------------------------------------------------------------------


def test_the_team_group_has_the_admin_pages_and_images_but_not_bulk_delete():
    group = Group.objects.get(name=GROUP_NAME)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_redirect",
        "change_redirect",
        "delete_redirect",
        "submit_translation",
    }
    root = Page.get_first_root_node()
    page_rights = GroupPagePermission.objects.filter(group=group, page=root)
    assert set(page_rights.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    images = GroupCollectionPermission.objects.filter(
        group=group, collection=Collection.get_first_root_node()
    )
    assert set(images.values_list("permission__codename", flat=True)) == {
        "add_image",
        "change_image",
        "choose_image",
    }


def test_making_the_group_again_changes_nothing():
    counts = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())
    ensure_site_pages()
    team_group()
    assert Group.objects.filter(name=GROUP_NAME).count() == 1
    assert (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()) == (
        counts
    )


def test_a_new_team_member_is_in_the_group_and_may_publish(team_member, teacher):
    assert team_member.groups.filter(name=GROUP_NAME).exists()
    assert not teacher.groups.filter(name=GROUP_NAME).exists()
    home = _home()
    rights = home.permissions_for_user(team_member)
    assert rights.can_edit() and rights.can_publish() and rights.can_lock()
    assert not rights.can_delete()  # a page with children: bulk delete is the superusers'
    images = policy_registry.get_by_type(get_image_model())
    for action in ("add", "change", "choose"):
        assert images.user_has_permission(team_member, action)
        assert not images.user_has_permission(teacher, action)


def test_joining_and_leaving_the_team_through_the_service_moves_the_group(teacher):
    superuser = make_person(email="super@som.example")
    Person.objects.filter(pk=superuser.pk).update(is_superuser=True, is_staff=True)
    superuser.refresh_from_db()
    team_changes.update_person(person=teacher, by=superuser, changes={"is_staff": True})
    assert teacher.groups.filter(name=GROUP_NAME).exists()
    team_changes.update_person(person=teacher, by=superuser, changes={"is_staff": False})
    assert not teacher.groups.filter(name=GROUP_NAME).exists()


def test_an_erased_team_member_leaves_the_group(team_member):
    boss = make_person(email="baas@som.example", is_staff=True)
    erasure = request_erasure(person=team_member)
    confirm_erasure(request=erasure, by=boss)
    assert not Person.objects.get(pk=team_member.pk).groups.exists()


def test_the_upgrade_puts_earlier_team_members_in_and_others_out(teacher):
    earlier = make_person(email="vroeger@som.example")
    Person.objects.filter(pk=earlier.pk).update(is_staff=True)  # made before the group existed
    teacher.groups.add(team_group())
    ensure_site_pages()
    assert earlier.groups.filter(name=GROUP_NAME).exists()
    assert not teacher.groups.filter(name=GROUP_NAME).exists()


# --- Language, policy and framing ---------------------------------------------------------------


def test_the_admin_follows_the_account_language(client, team_member):
    Person.objects.filter(pk=team_member.pk).update(language="en")
    client.force_login(team_member)
    assert 'lang="en"' in client.get(CMS).content.decode()
    Person.objects.filter(pk=team_member.pk).update(language="nl")
    assert 'lang="nl"' in client.get(CMS).content.decode()


def test_only_the_preview_may_be_framed_and_only_by_the_admin(client, team_member):
    client.force_login(team_member)
    home = _home()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert edit["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in edit["Content-Security-Policy"]
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]
    # (The preview of a page with the editor's data carries the page's own, public policy with
    # only frame-ancestors changed: tests/browser/test_cms.py watches it.)


def test_the_public_site_keeps_its_strict_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_wagtails_default_groups_and_workflow_make_way_for_the_team_and_its_review():
    """After migrate the team is the one group and its story review the one workflow: Wagtail's
    "Moderators approval" on the root would offer the team a review by a group nobody is in."""
    from wagtail.models import Workflow

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    home = _home()
    assert home.get_workflow() is None  # the team publishes its own pages
    stories = home.get_children().type(StoryIndexPage).first()
    assert stories.get_workflow() is not None  # lab leads' stories are reviewed
