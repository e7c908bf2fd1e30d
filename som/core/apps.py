from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "som.core"
    label = "core"

    def ready(self) -> None:
        from django.urls import register_converter

        from som.core import sqlite_checkpoints, structured_logs
        from som.core.converters import IdConverter

        # Before any urls.py is imported (the URL configuration loads on the first request).
        register_converter(IdConverter, "id")

        connection_created.connect(sqlite_checkpoints.on_connection_created)
        structured_logs.connect()
        # The platform's system checks; and the registries that apps above fill, imported here
        # so that their expectations (som.core.hooks) exist whatever is installed.
        from som.core import checks, context_processors, decisions, personal_data  # noqa: F401
