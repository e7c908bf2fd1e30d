"""The three speerpunten (from the 2026 brochure) and the education levels are reference data."""

from django.db import migrations

SPEERPUNTEN = [
    (
        "iedereen-aan-boord",
        "Iedereen aan boord",
        "Everybody on board",
        "Van kleuter tot hoger onderwijs: elke lerende krijgt een plek en wordt uitgedaagd om "
        "de eigen talenten maximaal te ontplooien.",
        "From nursery to higher education: every learner has a place and is challenged to "
        "develop their talents to the full.",
    ),
    (
        "betrokkenheid-en-welbevinden",
        "Betrokkenheid en welbevinden",
        "Engagement and well-being",
        "Het welbevinden en de betrokkenheid van alle onderwijsverstrekkers en lerenden "
        "stimuleren.",
        "Fostering the well-being and engagement of everyone who teaches and learns.",
    ),
    (
        "diversiteit-als-kracht",
        "Diversiteit als kracht",
        "Diversity as a strength",
        "Diversiteit inzetten als kracht, in de klas, in de school en in het netwerk.",
        "Using diversity as a strength, in the classroom, the school and the network.",
    ),
]

LEVELS = [
    "kleuter",
    "lager",
    "secundair",
    "buitengewoon_basis",
    "buitengewoon_secundair",
    "hoger",
    "volwassenen",
    "dko",
]


def seed(apps, schema_editor):
    Speerpunt = apps.get_model("network", "Speerpunt")
    EducationLevel = apps.get_model("network", "EducationLevel")
    for position, (slug, name, name_en, description, description_en) in enumerate(SPEERPUNTEN):
        Speerpunt.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "position": position + 1,
            },
        )
    for position, code in enumerate(LEVELS):
        EducationLevel.objects.update_or_create(code=code, defaults={"position": position + 1})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
