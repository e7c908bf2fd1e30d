from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "som.membership"
    label = "membership"

    def ready(self) -> None:
        from som.finance import settlement
        from som.finance.models import Invoice
        from som.membership import services
        from som.membership.services import register
        from som.network.services import on_identity_change

        settlement.register(Invoice.Purpose.MEMBERSHIP, services.on_invoice_paid)
        on_identity_change(register.register_identity_change)
        from som.core import personal_data
        from som.membership import personal_data as membership_data

        personal_data.register(
            "membership",
            exporter=membership_data.export,
            eraser=membership_data.erase,
            keeps=membership_data.keeps,
        )
        # The invited experts' source that labs registers: its expectation (som.core.hooks)
        # exists from here.
        from som.membership import entitlements  # noqa: F401
