from typing import Any

from django.contrib.auth.backends import BaseBackend

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
