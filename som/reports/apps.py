from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "som.reports"
    label = "reports"
