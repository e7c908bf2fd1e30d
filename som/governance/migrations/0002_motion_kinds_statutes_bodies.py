"""The legal rules of a vzw's general assembly (WVV, see shared/reference/belgian-rules.md A3) as
data the statutes can change, the statutes' other numbers, and the three standing bodies."""

from django.db import migrations

# code, Dutch, English, quorum, majority, strict, secret, election, second meeting, effect
KINDS = [
    ("ordinary", "Gewone beslissing", "Ordinary decision", (0, 1), (1, 2), True, False, False, False, "none"),
    ("accounts", "Goedkeuring van de jaarrekening", "Approval of the annual accounts", (0, 1), (1, 2), True, False, False, False, "none"),
    ("budget", "Goedkeuring van de begroting", "Approval of the budget", (0, 1), (1, 2), True, False, False, False, "none"),
    ("discharge", "Kwijting aan de bestuurders", "Discharge of the directors", (0, 1), (1, 2), True, False, False, False, "none"),
    ("board_election", "Verkiezing van bestuurders", "Election of directors", (0, 1), (1, 2), True, True, True, False, "elect_board"),
    ("statutes", "Statutenwijziging", "Amendment of the statutes", (2, 3), (2, 3), False, False, False, True, "none"),
    ("purpose", "Wijziging van het doel of het voorwerp", "Change of the purpose or the object", (2, 3), (4, 5), False, False, False, True, "none"),
    ("dissolution", "Ontbinding van de vereniging", "Dissolution of the association", (2, 3), (4, 5), False, False, False, True, "none"),
    ("exclusion", "Uitsluiting van een lid", "Exclusion of a member", (2, 3), (2, 3), False, True, False, True, "exclude_member"),
]  # fmt: skip

BODIES = [
    ("algemene-vergadering", "Algemene vergadering", "general_assembly", 1,
     "De exclusieve bevoegdheden van art. 9:12 WVV: statuten wijzigen, bestuurders benoemen en "
     "afzetten, kwijting, jaarrekening en begroting goedkeuren, ontbinden, leden uitsluiten.",
     "De stemgerechtigde leden: de Leuvense onderwijsinstellingen met een algemeen "
     "lidmaatschap, elk via een vertegenwoordiger.",
     "Minstens 1 keer per jaar, binnen 6 maanden na het einde van het boekjaar"),
    ("bestuur", "Bestuur", "board", 2,
     "Beheert de vereniging en vertegenwoordigt ze; roept de algemene vergadering samen; "
     "bevestigt de selectie van de labo's.",
     "Minstens 3 bestuurders, verkozen door de algemene vergadering: voorzitter, secretaris, "
     "penningmeester en leden.",
     "Maandelijks"),
    ("som-team", "SOM-team", "team", 3,
     "De dagelijkse werking: netwerkdagen, labo's, communicatie, ledenadministratie.",
     "De medewerkers van SOM Leuven.",
     "Wekelijks"),
]  # fmt: skip


def seed(apps, schema_editor):
    MotionKind = apps.get_model("governance", "MotionKind")
    Statutes = apps.get_model("governance", "Statutes")
    Body = apps.get_model("governance", "Body")
    for position, (code, name, name_en, quorum, majority, strict, secret, election, second, effect) in enumerate(KINDS):
        MotionKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "quorum_numerator": quorum[0],
                "quorum_denominator": quorum[1],
                "majority_numerator": majority[0],
                "majority_denominator": majority[1],
                "majority_strict": strict,
                "abstentions": "excluded",
                "min_notice_days": 15,
                "secret": secret,
                "is_election": election,
                "second_meeting_without_quorum": second,
                "effect": effect,
                "position": position,
            },
        )
    Statutes.objects.get_or_create(pk=1)
    for slug, name, kind, position, powers, composition, frequency in BODIES:
        Body.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "position": position,
                "powers": powers,
                "composition": composition,
                "meeting_frequency": frequency,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
