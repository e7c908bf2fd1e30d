from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "som.network"
    label = "network"

    def ready(self) -> None:
        from som.core import personal_data
        from som.network import personal_data as network_data

        personal_data.register("network", exporter=network_data.export, eraser=network_data.erase)
        # The registries that apps above fill: their expectations (som.core.hooks) exist from here.
        from som.network import consents, services  # noqa: F401
