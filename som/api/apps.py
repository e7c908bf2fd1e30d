from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "som.api"
    label = "api"
