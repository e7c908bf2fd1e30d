from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "som.finance"
    label = "finance"
