from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "som.publishing"
    label = "publishing"
