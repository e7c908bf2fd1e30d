from django.core.management.commands.runserver import Command as RunserverCommand

from som.demo import loader


class Command(RunserverCommand):
    help = (
        "Serve the demo with Django's development server and print, last, where to start and "
        "the demo logins (`make demo`)."
    )

    def on_bind(self, server_port: int) -> None:
        # Instead of runserver's banner: the logins stay the last lines a newcomer sees.
        address: str = getattr(self, "addr", "127.0.0.1")
        address = "0.0.0.0" if address == "0" else address
        address = f"[{address}]" if getattr(self, "_raw_ipv6", False) else address
        site = f"{self.protocol}://{address}:{server_port}"
        self.stdout.write(
            f"\nThe demo runs at {site}/ (Django's development server, never for production; "
            "quit with CONTROL-C)."
        )
        self.stdout.write(loader.logins_text(site))
