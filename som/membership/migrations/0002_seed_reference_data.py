"""The two memberships of the 2026 brochure with their tariffs. From here on they are data the
team changes in the back office."""

from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    MembershipType = apps.get_model("membership", "MembershipType")
    Tariff = apps.get_model("membership", "Tariff")
    general, _ = MembershipType.objects.get_or_create(
        code="general",
        defaults={
            "name": "Algemeen lidmaatschap",
            "name_en": "General membership",
            "gives_vote": True,
            "requires_instellingsnummer": True,
            "position": 1,
        },
    )
    lab, _ = MembershipType.objects.get_or_create(
        code="lab",
        defaults={
            "name": "Labo-lidmaatschap",
            "name_en": "Lab membership",
            "gives_vote": False,
            "requires_instellingsnummer": False,
            "position": 2,
        },
    )
    for membership_type in (general, lab):
        Tariff.objects.get_or_create(
            membership_type=membership_type, code="standard", defaults={"amount": Decimal("100")}
        )
        Tariff.objects.get_or_create(
            membership_type=membership_type, code="reduced", defaults={"amount": Decimal("50")}
        )


class Migration(migrations.Migration):
    dependencies = [("membership", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
