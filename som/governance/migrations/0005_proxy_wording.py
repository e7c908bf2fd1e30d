"""A proxy's standard wording is a code with its values (who gives, to whom, which meeting, its
day), written in the reader's language when shown or mailed; the column keeps only a text the
member wrote themselves, now `own_text` (`Proxy.statement` is the text as the reader reads it).
Existing standard sentences (Dutch or English) are read back."""

import datetime
import re

from django.db import migrations, models

# The standard sentence as give_proxy wrote it (en, nl), with the meeting's day as "j F Y".
STANDARD = (
    re.compile(
        r"^(?P<giver>.+?) gives (?P<holder>.+) proxy to represent it and vote for it at "
        r"(?P<meeting>.+) of (?P<date>\d{1,2} \w+ \d{4})\.$",
        re.DOTALL,
    ),
    re.compile(
        r"^(?P<giver>.+?) geeft (?P<holder>.+) volmacht om het te vertegenwoordigen en in zijn "
        r"naam te stemmen op (?P<meeting>.+) van (?P<date>\d{1,2} \w+ \d{4})\.$",
        re.DOTALL,
    ),
)
MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october november december",
        "januari februari maart april mei juni juli augustus september oktober november december",
    )
    for number, name in enumerate(names.split(), 1)
}


def _day(text: str) -> datetime.date | None:
    day, month, year = text.split()
    if month.lower() not in MONTHS:
        return None
    try:
        return datetime.date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def read_back(statement: str) -> tuple[str, dict[str, str]]:
    """(wording, values) of a stored sentence: "standard" with its values when it is the standard
    sentence in either language, else "own" (the member's own words, kept in `own_text`)."""
    for pattern in STANDARD:
        found = pattern.match(statement.strip())
        day = _day(found["date"]) if found else None
        if found and day is not None:
            values = {name: found[name] for name in ("giver", "holder", "meeting")}
            return "standard", values | {"date": day.isoformat()}
    return "own", {}


def read_back_proxies(apps, schema_editor):
    Proxy = apps.get_model("governance", "Proxy")
    for proxy in Proxy.objects.all():
        wording, values = read_back(proxy.own_text)
        if wording == "standard":
            proxy.wording, proxy.wording_values, proxy.own_text = wording, values, ""
        else:
            proxy.wording = wording
        proxy.save(update_fields=["wording", "wording_values", "own_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_sensible_dates"),
    ]

    operations = [
        migrations.RenameField(model_name="proxy", old_name="statement", new_name="own_text"),
        migrations.AddField(
            model_name="proxy",
            name="wording",
            field=models.CharField(
                choices=[("standard", "the standard text"), ("own", "the member's own text")],
                default="standard",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="proxy",
            name="wording_values",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="proxy",
            name="own_text",
            field=models.TextField(blank=True, verbose_name="written proxy"),
        ),
        migrations.RunPython(read_back_proxies, migrations.RunPython.noop),
    ]
