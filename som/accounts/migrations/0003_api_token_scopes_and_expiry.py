"""API tokens get scopes and an expiry date (issue 17, point 5). Tokens made before keep what
they could do: every scope their owner may use (the door's check-in for the team), for a year
from this migration, so no scanner at the door stops working on the day of the deploy."""

import datetime
from typing import Any

from django.db import migrations, models
from django.utils import timezone


def give_existing_tokens_scopes_and_a_year(apps: Any, schema_editor: Any) -> None:
    ApiToken = apps.get_model("accounts", "ApiToken")
    in_a_year = timezone.now() + datetime.timedelta(days=365)
    tokens = ApiToken.objects.select_related("person")
    for token in tokens.order_by("pk").iterator():
        scopes = ["read", "register", "vote"] + (["checkin"] if token.person.is_staff else [])
        token.scopes = " ".join(scopes)
        token.expires_at = in_a_year
        token.save(update_fields=["scopes", "expires_at"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_encrypt_mfa_secrets")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scopes",
            field=models.CharField(default="", max_length=100, verbose_name="scopes"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(give_existing_tokens_scopes_and_a_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
