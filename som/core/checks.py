"""The platform's own system checks (`manage.py check`, and before `runserver`, `migrate` and the
tests): registered when som.core is ready (CoreConfig.ready imports this module)."""

from typing import Any

from django.conf import settings
from django.core import checks

from som.core import hooks


@checks.register()
def registries_filled(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """som.E001: a hook registry that an app above should fill is empty (som.core.hooks)."""
    return [
        checks.Error(
            f"Nothing is registered in {item.registry}.",
            hint=f"Register it in {item.filled_by}.",
            obj=item.registry,
            id="som.E001",
        )
        for item in hooks.empty_registries()
    ]


@checks.register()
def client_side_binding(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """som.E002: psycopg's server-side binding must stay off. som.core.rows.insert_together
    sends several INSERT statements in one round trip, which only client-side binding (psycopg's
    default) allows; with server-side binding PostgreSQL refuses several statements in one
    prepared query, and the hot paths (a ballot, a check-in) would fail."""
    errors: list[checks.CheckMessage] = []
    for alias, database in settings.DATABASES.items():
        engine = str(database.get("ENGINE", ""))
        options = database.get("OPTIONS") or {}
        if "postgresql" in engine and options.get("server_side_binding"):
            errors.append(
                checks.Error(
                    f"DATABASES[{alias!r}] turns on psycopg's server-side binding.",
                    hint=(
                        "Remove OPTIONS['server_side_binding']: som.core.rows.insert_together "
                        "relies on client-side binding (several statements in one round trip)."
                    ),
                    obj=f"DATABASES[{alias!r}]",
                    id="som.E002",
                )
            )
    return errors
