from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from som.accounts.models import Person
from som.accounts.selectors import PERSON_COLUMNS, person_from_row

# The apps whose back-office pages the SOM team works in. Later apps add their label here.
# Never `auth` (permissions and groups), `mfa` (the second factors) or `django_tasks_database`
# (queued work, whose arguments may be addresses and links): those are for superusers only.
TEAM_APP_LABELS = frozenset(
    {
        "core",
        "accounts",
        "account",
        "network",
        "membership",
        "finance",
        "events",
        "voting",
        "labs",
        "governance",
        "publishing",
    }
)

# allauth's e-mail addresses: the team looks them up, but an address (and whether it is verified,
# which proves who works where) changes only through the person's own account pages or a
# superuser's repair, never as a second write path without the services and the audit log.
READ_ONLY_APP_LABELS = frozenset({"account"})


class TeamPermissionBackend(BaseBackend):
    """Team members (is_staff) may do everything in the SOM apps' back office; nobody else gets
    anything from this backend. The domain rules still live in the services the admin calls, and
    what would raise a team member's own rights (superuser, team, groups, passwords, a
    colleague's address) only a superuser may change (som/accounts/admin.py)."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        app_label, _, codename = perm.partition(".")
        if app_label in READ_ONLY_APP_LABELS and not codename.startswith("view_"):
            return False
        return self.has_module_perms(user_obj, app_label)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and user_obj.is_staff and app_label in TEAM_APP_LABELS)


# Every logged-in request loads its person from the session's user id: in plain SQL, because the
# ORM's query costs several times what the database needs (PERFORMANCE.md G1: the ballot at a
# network day).
_PERSON_FOR_SESSION = (
    f"SELECT {', '.join(PERSON_COLUMNS)} FROM {Person._meta.db_table} WHERE id = %s"
)


class SessionPersonMixin:
    def get_user(self, user_id: Any) -> Person | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        with connection.cursor() as cursor:
            cursor.execute(_PERSON_FOR_SESSION, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        person = person_from_row(row)
        return person if person.is_active else None  # no longer active: logged out


class ModelBackend(SessionPersonMixin, DjangoModelBackend):
    """Django's ModelBackend, with the session's person loaded in plain SQL."""


class AuthenticationBackend(SessionPersonMixin, AllauthBackend):
    """allauth's backend (email login, login by code), with the session's person loaded in
    plain SQL."""
