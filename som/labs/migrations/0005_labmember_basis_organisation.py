"""The member institution behind a lab member's basis, so the group's page can say it in the
reader's language. Existing members get it from their stored sentence where it names one."""

import re

import django.db.models.deletion
from django.db import migrations, models

# The two wordings the entitlement check used for `member_staff` (nl, en).
WORKS_FOR = (
    re.compile(r"^Je werkt voor (?P<name>.+), een lid van SOM Leuven\.$"),
    re.compile(r"^You work for (?P<name>.+), a member of SOM Leuven\.$"),
)


def name_the_organisations(apps, schema_editor):
    LabMember = apps.get_model("labs", "LabMember")
    Organisation = apps.get_model("network", "Organisation")
    for member in LabMember.objects.filter(basis_code="member_staff"):
        found = next(filter(None, (pattern.match(member.basis) for pattern in WORKS_FOR)), None)
        if found is None:
            continue
        named = list(Organisation.objects.filter(name=found["name"])[:2])
        if len(named) == 1:
            member.basis_organisation = named[0]
            member.save(update_fields=["basis_organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0004_session_cancelled"),
        ("network", "0002_seed_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="labmember",
            name="basis_organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="network.organisation",
                verbose_name="works for",
            ),
        ),
        migrations.RunPython(name_the_organisations, migrations.RunPython.noop),
    ]
