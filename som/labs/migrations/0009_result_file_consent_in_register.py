"""Issue 19: a result photo's consent moves into the consent register (network.Consent). Each
photo with recognisable people gets a consent in the register, as the lead confirmed it on
upload (the website and the annual report; for minors, given by the parents through the school);
then the two booleans go."""

import django.db.models.deletion
from django.db import migrations, models


def to_register(apps, schema_editor):
    ResultFile = apps.get_model("labs", "ResultFile")
    Consent = apps.get_model("network", "Consent")
    for result_file in ResultFile.objects.exclude(recognisable="nobody").order_by("pk"):
        minors = result_file.recognisable == "minors"
        result_file.consent_entry = Consent.objects.create(
            subject_name=f"De mensen op de foto '{result_file.name}'"[:200],
            is_minor=minors,
            given_by_name="ouders (via de school)" if minors else "",
            website=True,
            annual_report=True,
            note="Overgenomen uit de toestemming bij het labresultaat",
            recorded_by_id=result_file.uploaded_by_id,
        )
        result_file.save(update_fields=["consent_entry"])


def from_register(apps, schema_editor):
    ResultFile = apps.get_model("labs", "ResultFile")
    for result_file in ResultFile.objects.exclude(consent_entry=None).select_related(
        "consent_entry"
    ):
        result_file.had_consent = True
        result_file.parent_consent = result_file.recognisable == "minors"
        result_file.save(update_fields=["had_consent", "parent_consent"])


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0008_sensible_dates"),
        ("network", "0007_consent"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="resultfile", name="recognisable_people_consented"),
        migrations.RemoveConstraint(
            model_name="resultfile", name="recognisable_minors_parent_consented"
        ),
        migrations.RenameField(model_name="resultfile", old_name="consent", new_name="had_consent"),
        migrations.AddField(
            model_name="resultfile",
            name="consent_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="result_files",
                to="network.consent",
                verbose_name="consent of the people shown",
            ),
        ),
        migrations.RunPython(to_register, from_register),
        migrations.RemoveField(model_name="resultfile", name="had_consent"),
        migrations.RemoveField(model_name="resultfile", name="parent_consent"),
        migrations.RenameField(
            model_name="resultfile", old_name="consent_entry", new_name="consent"
        ),
        migrations.AddConstraint(
            model_name="resultfile",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recognisable", "nobody"), ("consent__isnull", False), _connector="OR"
                ),
                name="recognisable_people_in_the_register",
            ),
        ),
    ]
