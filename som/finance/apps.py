from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "som.finance"
    label = "finance"

    def ready(self) -> None:
        from som.core import personal_data
        from som.finance import personal_data as finance_data

        # The paid-invoice handlers that membership and events register: their expectation
        # (som.core.hooks) exists from here.
        from som.finance import settlement  # noqa: F401

        personal_data.register(
            "finance",
            exporter=finance_data.export,
            eraser=finance_data.erase,
            keeps=finance_data.keeps,
        )
