"""A lab member's basis is a code with its parameters (`basis_code`, `basis_organisation`),
said in the reader's language (`LabMember.takes_part_as`); `basis` no longer keeps the sentence
the entitlement check wrote to the person in the language of that day.

Existing rows: a sentence without a code is parsed back (Dutch and English, as the entitlement
check and the invitation wrote them) into its code and organisation; a row whose code says it all
loses the sentence. A sentence nobody recognises gets the generic code `legacy` and keeps its text
in `basis`, which is shown as it is. A `member_staff` row whose organisation cannot be found by
its name keeps its sentence too (as a record; the page says "staff of a member institution")."""

import re

from django.db import migrations

# The sentences the entitlement check (som.membership.entitlements) and the invitation wrote.
# Older ones named SOM Leuven itself, newer ones the network's name from the settings.
WORKS_FOR = (
    re.compile(r"^Je werkt voor (?P<name>.+), een lid van (?P<network>.+)\.$"),
    re.compile(r"^You work for (?P<name>.+), a member of (?P<network>.+)\.$"),
)
LAB_MEMBER = (
    re.compile(r"^Je hebt een labolidmaatschap van .+\.$"),
    re.compile(r"^You have a lab membership of .+\.$"),
)
INVITED_EXPERT = (
    re.compile(r"^Je bent een uitgenodigde expert van het labo .+\.$"),
    re.compile(r"^You are an invited expert of the lab .+\.$"),
    re.compile(r"^Uitgenodigde expert van dit labo \(geen lidmaatschap nodig\)\.?$"),
    re.compile(r"^Invited expert of this lab \(no membership needed\)\.?$"),
)
TO_BE_CHECKED = (
    re.compile(r"^Wordt gecontroleerd bij het aanvaarden\.?$"),
    re.compile(r"^To be checked when they accept\.?$"),
)
# The codes LabMember.takes_part_as says without the sentence.
KNOWN = {"", "member_staff", "lab_member", "invited_expert"}


def _matches(patterns, text):
    return next(filter(None, (pattern.match(text) for pattern in patterns)), None)


def _organisation(Organisation, sentence):
    found = _matches(WORKS_FOR, sentence)
    if found is None:
        return None
    named = list(Organisation.objects.filter(name=found["name"])[:2])
    return named[0] if len(named) == 1 else None


def code_of(sentence):
    """The code a stored sentence says, or None when nobody recognises it."""
    sentence = sentence.strip()
    if _matches(WORKS_FOR, sentence):
        return "member_staff"
    if _matches(LAB_MEMBER, sentence):
        return "lab_member"
    if _matches(INVITED_EXPERT, sentence):
        return "invited_expert"
    if not sentence or _matches(TO_BE_CHECKED, sentence):
        return ""
    return None


def sentences_to_codes(apps, schema_editor):
    LabMember = apps.get_model("labs", "LabMember")
    Organisation = apps.get_model("network", "Organisation")
    for member in LabMember.objects.exclude(basis=""):
        code = member.basis_code
        if code == "":
            code = code_of(member.basis)
            if code is None:
                member.basis_code = "legacy"
                member.save(update_fields=["basis_code"])
                continue
            member.basis_code = code
        if code not in KNOWN:
            continue  # said by its own sentence (takes_part_as shows `basis`)
        if code == "member_staff" and member.basis_organisation_id is None:
            member.basis_organisation = _organisation(Organisation, member.basis.strip())
            if member.basis_organisation is None:
                member.save(update_fields=["basis_code"])
                continue
        member.basis = ""
        member.save(update_fields=["basis_code", "basis_organisation", "basis"])


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0009_result_file_consent_in_register"),
        ("network", "0007_consent"),
    ]

    operations = [
        migrations.RunPython(sentences_to_codes, migrations.RunPython.noop),
    ]
