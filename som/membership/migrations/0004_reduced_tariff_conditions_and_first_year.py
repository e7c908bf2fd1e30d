"""The kansentarief asks a short justification; the vzw's first membership year is 2026."""

import datetime

from django.db import migrations

CONDITIONS = (
    "Het kansentarief is er voor wie het standaardtarief een drempel vindt, bijvoorbeeld een "
    "school met veel leerlingen die recht hebben op een schooltoelage, of een kleine vzw. "
    "Licht kort toe waarom je dit tarief vraagt; het SOM-team leest mee."
)
CONDITIONS_EN = (
    "The reduced tariff is for those who find the standard tariff a barrier, for instance a "
    "school with many pupils entitled to a school allowance, or a small non-profit. Explain "
    "briefly why you ask for it; the SOM team reads along."
)


def seed(apps, schema_editor):
    Tariff = apps.get_model("membership", "Tariff")
    MembershipYear = apps.get_model("membership", "MembershipYear")
    Tariff.objects.filter(code="reduced").update(
        asks_justification=True, conditions=CONDITIONS, conditions_en=CONDITIONS_EN
    )
    MembershipYear.objects.get_or_create(
        year=2026,
        defaults={"starts_on": datetime.date(2026, 1, 1), "ends_on": datetime.date(2026, 12, 31)},
    )


class Migration(migrations.Migration):
    dependencies = [("membership", "0003_years_applications_memberships_register")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
