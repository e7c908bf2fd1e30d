"""Registrations keep why the person comes free or pays as a code with its parameters
(`som.events.reasons`) instead of a sentence in the language of the day it was written.

The old sentences are read back in English and in Dutch (the sentences `entry.Terms.sentence`
wrote, with or without the invoice sentence); what the sentence does not say (the price, the
amount) comes from the event's prices and the registration's basis. A sentence nobody can read
back gets a code from the basis where the basis says enough (the team, a free event), else the
code `unknown` (rendered as nothing: the pages show the basis). The column `basis_reason` goes:
nothing outside reads it (the API renders the code)."""

import re
from decimal import Decimal

from django.conf import settings
from django.db import migrations, models
from django.utils import translation

# The English sentences as `som.events.reasons` wrote them on 2026-12-08 (msgids: their Dutch
# comes from the catalogue), with the code they say.
SENTENCES = [
    ("team", "You are part of the SOM team."),
    ("free_event", "This event is free for everybody."),
    ("not_entitled", "%(price)s: you are not a member of %(network)s."),
    ("free", "Free: %(why)s; %(nth)s of your %(per_year)s free %(events)s in %(year)s."),
    ("free", "Free: %(why)s."),
    (
        "limit_used",
        "%(price)s: %(why)s, but you already come free to %(per_year)s %(events)s "
        "in %(year)s, as many as the members' benefit gives a year.",
    ),
    ("member_price", "Member price %(amount)s instead of %(price)s: %(why)s."),
    ("no_member_price", "%(price)s: %(why)s, but this event has no member price."),
    ("not_covered", "%(price)s: %(why)s, but the members' benefit does not cover %(events)s."),
    ("free", "You work for %(organisation)s, a member of %(network)s."),
    ("free", "You have a lab membership of %(network)s."),
    ("free", "You are an invited expert of the lab %(lab)s."),
]
# Who is entitled, in the middle of a sentence (`%(why)s`) or as the whole of it.
WHY = [
    ("member_staff", "you work for %(organisation)s, a member of %(network)s"),
    ("lab_member", "you have a lab membership of %(network)s"),
    ("invited_expert", "you are an invited expert of the lab %(lab)s"),
    ("member_staff", "You work for %(organisation)s, a member of %(network)s."),
    ("lab_member", "You have a lab membership of %(network)s."),
    ("invited_expert", "You are an invited expert of the lab %(lab)s."),
]
KINDS = {
    "network_day": "network days",
    "community": "community events",
    "external": "partners' events",
}
INVOICE = "You receive an invoice by mail."
LANGUAGES = ("en", "nl")
NETWORKS = {settings.SOM_NETWORK_NAME, "SOM Leuven"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(template):
    """A sentence's template as a regular expression: each %(name)s a named group."""
    parts = PLACEHOLDER.split(template)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif part == "network":
            out.append("(?:" + "|".join(re.escape(n) for n in sorted(NETWORKS)) + ")")
        else:
            out.append(f"(?P<{part}>.+?)")
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


def _in_both(message):
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(translation.gettext(message))
    return texts


def patterns():
    """(sentences, whys, kinds, invoices) in both languages."""
    sentences = [(code, _pattern(t)) for code, msg in SENTENCES for t in _in_both(msg)]
    whys = [(basis, _pattern(t)) for basis, msg in WHY for t in _in_both(msg)]
    kinds = {t: kind for kind, msg in KINDS.items() for t in _in_both(msg)}
    invoices = [" " + t for t in _in_both(INVOICE)]
    return sentences, whys, kinds, invoices


def _amount(basis, price, member_price):
    if basis == "paying":
        return price
    if basis == "member_price":
        return member_price if member_price is not None else price
    return Decimal("0")


def _params(code, groups, text, whys, kinds):
    """The parameters a matched sentence says: who is entitled, the kind, the counts."""
    params = {}
    if "why" not in groups and code == "free":  # who they are, the whole sentence
        groups = {"why": text}
    for entitled, why in whys:
        who = why.match(groups.get("why", ""))
        if who is not None:
            name = who.groupdict().get("organisation") or who.groupdict().get("lab") or ""
            params |= {"entitled": entitled, "name": name}
            break
    if groups.get("events") in kinds:
        params["kind"] = kinds[groups["events"]]
    for key in ("per_year", "nth", "year"):
        if key in groups and groups[key].isdigit():
            params[key] = int(groups[key])
    return params


def read_back(sentence, *, basis, price, member_price, kind="", found=None):
    """(code, params) for an old sentence; `price`, `member_price`, `kind`: the event's."""
    sentences, whys, kinds, invoices = found or patterns()
    amount = _amount(basis, price, member_price)
    params = {"price": str(price), "amount": str(amount), "kind": kind}
    text = sentence.strip()
    for invoice in invoices:
        if text.endswith(invoice):
            text = text[: -len(invoice)]
    for code, pattern in sentences:
        match = pattern.match(text)
        if match is None:
            continue
        params |= _params(code, match.groupdict(), text, whys, kinds)
        return code, params
    if basis == "team":
        return "team", params
    if basis == "free_event":
        return "free_event", params
    return "unknown", params


def to_codes(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    found = patterns()
    rows = Registration.objects.select_related("event").only(
        "basis", "basis_reason", "event__price", "event__member_price", "event__kind"
    )
    changed = []
    for row in rows.iterator(chunk_size=500):
        row.basis_code, row.basis_params = read_back(
            row.basis_reason,
            basis=row.basis,
            price=row.event.price,
            member_price=row.event.member_price,
            kind=row.event.kind,
            found=found,
        )
        changed.append(row)
    Registration.objects.bulk_update(changed, ["basis_code", "basis_params"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_dates_in_range"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="basis_code",
            field=models.CharField(blank=True, max_length=30, verbose_name="why"),
        ),
        migrations.AddField(
            model_name="registration",
            name="basis_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="why (parameters)"),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="registration",
            name="basis_reason",
        ),
    ]
