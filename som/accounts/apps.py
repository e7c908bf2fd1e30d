from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "som.accounts"
    label = "accounts"
