from django.apps import AppConfig


class LabsConfig(AppConfig):
    name = "som.labs"
    label = "labs"
