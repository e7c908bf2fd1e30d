from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "som.accounts"
    label = "accounts"

    def ready(self) -> None:
        # The registries that apps above fill: their expectations (som.core.hooks) exist from here.
        from som.accounts import roles, team_changes  # noqa: F401
