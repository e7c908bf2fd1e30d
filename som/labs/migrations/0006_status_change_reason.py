"""A lab's first status change says why in the reader's language: a reason and its facts instead
of a sentence stored in the language of whoever confirmed it (with the UTC date of the decision,
a day early for a decision after midnight in Brussels). Existing labs born from a confirmed
selection get the reason from the decision itself, not from parsing their sentence."""

import zoneinfo

from django.conf import settings
from django.db import migrations, models


def reasons_from_decisions(apps, schema_editor):
    LabStatusChange = apps.get_model("labs", "LabStatusChange")
    SelectionDecision = apps.get_model("labs", "SelectionDecision")
    brussels = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    first_changes = LabStatusChange.objects.filter(
        from_status="", lab__proposal__isnull=False
    ).select_related("lab__proposal__call")
    for change in first_changes:
        call = change.lab.proposal.call
        decision = SelectionDecision.objects.filter(call=call).first()
        if decision is None:
            continue
        change.reason = "selected"
        change.facts = {
            "call": call.title,
            "decided_on": decision.decided_at.astimezone(brussels).date().isoformat(),
        }
        change.save(update_fields=["reason", "facts"])


class Migration(migrations.Migration):

    dependencies = [
        ('labs', '0005_labmember_basis_organisation'),
    ]

    operations = [
        migrations.AddField(
            model_name='labstatuschange',
            name='facts',
            field=models.JSONField(blank=True, default=dict, verbose_name='facts'),
        ),
        migrations.AddField(
            model_name='labstatuschange',
            name='reason',
            field=models.CharField(blank=True, choices=[('', 'in the words of who changed it'), ('selected', 'selected and confirmed by the board'), ('entered', 'entered by the SOM team')], default='', max_length=20, verbose_name='reason'),
        ),
        migrations.AlterField(
            model_name='labstatuschange',
            name='explanation',
            field=models.TextField(blank=True, verbose_name='explanation'),
        ),
        migrations.RunPython(reasons_from_decisions, migrations.RunPython.noop),
    ]
