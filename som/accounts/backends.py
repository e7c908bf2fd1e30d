from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from som.accounts.models import Person
from som.core import rows

# The apps whose back-office pages the SOM team works in. Later apps add their label here.
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
        "django_tasks_db",
    }
)


class TeamPermissionBackend(BaseBackend):
    """Team members (is_staff) may do everything in the SOM apps' back office; nobody else gets
    anything from this backend. The domain rules still live in the services the admin calls."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return self.has_module_perms(user_obj, perm.split(".", 1)[0])

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and user_obj.is_staff and app_label in TEAM_APP_LABELS)


# Every logged-in request loads its person from the session's user id. In plain SQL, because the
# ORM's query costs several times what the database needs (PERFORMANCE.md G1: the ballot at a
# network day); the columns are what requests use, any other field loads on first access. The
# password (hashed) is there for the session's integrity check, as in Django's own get_user.
_PERSON_FOR_SESSION = (
    "SELECT id, password, email, full_name, is_staff, is_superuser, is_active, language "
    f"FROM {Person._meta.db_table} WHERE id = %s"
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
        if row is None or not row[6]:  # unknown, or no longer active
            return None
        person_id, password, email, full_name, is_staff, is_superuser, _active, language = row
        return rows.instance(
            Person,
            id=person_id,
            password=password,
            email=email,
            full_name=full_name,
            is_staff=bool(is_staff),  # SQLite answers 0 or 1
            is_superuser=bool(is_superuser),
            is_active=True,
            language=language,
        )


class ModelBackend(SessionPersonMixin, DjangoModelBackend):
    """Django's ModelBackend, with the session's person loaded in plain SQL."""


class AuthenticationBackend(SessionPersonMixin, AllauthBackend):
    """allauth's backend (email login, login by code), with the session's person loaded in
    plain SQL."""
