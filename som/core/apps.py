from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "som.core"
    label = "core"
