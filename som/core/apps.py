from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "som.core"
    label = "core"

    def ready(self) -> None:
        from som.core import sqlite_checkpoints

        connection_created.connect(sqlite_checkpoints.on_connection_created)
