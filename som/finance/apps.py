from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "som.finance"
    label = "finance"

    def ready(self) -> None:
        from som.core import personal_data
        from som.finance import personal_data as finance_data

        personal_data.register(
            "finance",
            exporter=finance_data.export,
            eraser=finance_data.erase,
            keeps=finance_data.keeps,
        )
