from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "som.membership"
    label = "membership"
