from django.apps import AppConfig


class DemoConfig(AppConfig):
    """A believable SOM year, built through the services. Never loaded in production."""

    name = "som.demo"
    label = "demo"
