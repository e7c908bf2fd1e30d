"""The members' benefit as data: the team records a rule the general assembly decided, from a
day on (`EntryRule`, read by `som.events.entry`). Rules are added, never changed or deleted:
the rules of the past stay, so the history says on what terms each registration was made, and a
new rule never changes a registration or an invoice already made."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit, page_cache, records, roles
from som.core.errors import DomainError
from som.events.models import EntryRule, Event

FIELDS = ("event_kind", "basis", "entry", "per_year", "valid_from", "decision")


class EntryRuleError(DomainError):
    pass


@transaction.atomic
def set_entry_rule(
    *, values: dict[str, Any], by: Person, today: datetime.date | None = None
) -> EntryRule:
    """Add the rule for (kind of event, basis) from `valid_from` (today or later), with the
    decision it comes from. Team only; audited; the event pages' price tables follow."""
    roles.require_team(by)
    today = today or timezone.localdate()
    rule = EntryRule(**{name: values.get(name) for name in FIELDS})
    rule.decision = (rule.decision or "").strip()
    if rule.event_kind == Event.Kind.EXTERNAL:
        raise EntryRuleError(
            _("Partners' events take no registrations here: they need no entry rule."),
            "external",
        )
    if not rule.decision:
        raise EntryRuleError(
            _("Say which decision this rule comes from (e.g. the general assembly of 12 March)."),
            "no_decision",
        )
    if rule.valid_from is None or rule.valid_from < today:
        raise EntryRuleError(
            _(
                "A rule starts today or later: registrations already made keep the terms they "
                "were made on."
            ),
            "in_the_past",
        )
    if rule.entry != EntryRule.Entry.FREE:
        rule.per_year = None  # a limit counts free places only
    try:
        rule.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise EntryRuleError(" ".join(error.messages), "invalid") from None
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise EntryRuleError(
            _("There is already a rule for this kind of event and basis from that day."),
            "same_day",
        ) from None
    audit.record(
        actor=by,
        action="entry_rule.added",
        obj=rule,
        changes=audit.diff({}, records.values_of(rule)),
    )
    page_cache.invalidate()  # the events' price tables
    return rule
