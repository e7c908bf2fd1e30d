from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "som.events"
    label = "events"

    def ready(self) -> None:
        from som.events import services
        from som.finance import settlement
        from som.finance.models import Invoice

        settlement.register(Invoice.Purpose.EVENT, services.on_invoice_paid)
        from som.core import personal_data
        from som.events import personal_data as events_data

        personal_data.register("events", exporter=events_data.export, eraser=events_data.erase)
        # The registries that labs fills: their expectations (som.core.hooks) exist from here.
        from som.events import programme, team_links  # noqa: F401
