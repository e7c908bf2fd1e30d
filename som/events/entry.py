"""What a person pays for an event, and why: the members' benefit exactly as the brochure says
("gratis toegang tot 2 netwerkdagen per jaar" for all staff of a member institution: the seeded
rules make the network days free without a count; a general assembly may add one, `per_year`).

WHO is entitled comes from the membership app (`entitlements.free_network_day`: staff of a
member, a lab member, an invited expert); WHAT they get comes from the entry rules
(`EntryRule`, data the general assembly changes from a day on): the latest rule for the event's
kind and the person's basis, valid on the event's day.

- the team comes free;
- an entitled person: FREE (unless they already came free to `per_year` events of that kind in
  that calendar year: then the price), MEMBER_PRICE (the event's member price, the price without
  one), PRICE (the price); without a rule, the price;
- anybody else: the price, or free when the event is free; a members-only event refuses them.

A free place "counts" towards `per_year` when it was free through the benefit at an event that
costs others money: a registration (not cancelled) with an entitled basis at an event of the
same kind, in the same calendar year (the event's day in Leuven), with a price. An event free
for everybody uses up nobody's free days.

The reason is a code with its parameters (`Terms.code`, `Terms.params`), rendered in the
current language by `Terms.sentence()`; nothing new is stored in sentences."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core.errors import DomainError
from som.core.money import euros
from som.events import reasons
from som.events.models import EntryRule, Event, Registration
from som.membership import entitlements

ZERO = Decimal("0")

# The registration bases of a person who comes through the members' benefit.
ENTITLED_BASES = (
    Registration.Basis.MEMBER_STAFF,
    Registration.Basis.LAB_MEMBER,
    Registration.Basis.INVITED_EXPERT,
)

# Why: the codes of `Terms.code` (rendered by `som.events.reasons`).
TEAM = reasons.TEAM
FREE_EVENT = reasons.FREE_EVENT
NOT_ENTITLED = reasons.NOT_ENTITLED
FREE = reasons.FREE
LIMIT_USED = reasons.LIMIT_USED
MEMBER_PRICE = reasons.MEMBER_PRICE
NO_MEMBER_PRICE = reasons.NO_MEMBER_PRICE
NOT_COVERED = reasons.NOT_COVERED

KINDS_PLURAL = reasons.KINDS_PLURAL


class NotAdmitted(DomainError):
    """A members-only event and a person who is not entitled (code `members_only`)."""


@dataclass(frozen=True)
class Terms:
    """What `basis` a registration gets, what it costs (`amount`), under which rule, and why."""

    basis: str
    amount: Decimal
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    rule: EntryRule | None = None

    @property
    def is_free(self) -> bool:
        return self.amount == 0

    @property
    def is_invoiced(self) -> bool:
        return self.amount > 0

    def headline(self) -> str:
        """The price that applies, in a few words: "Free", "Member price € 15,00", "€ 25,00"."""
        if self.is_free:
            return _("Free")
        if self.code == MEMBER_PRICE:
            return _("Member price %(amount)s instead of %(price)s") % {
                "amount": euros(self.amount),
                "price": euros(self.params["price"]),
            }
        return euros(self.amount)

    def sentence(self) -> str:
        """Why, in the active language: the headline and the reason."""
        return reasons.sentence(self.code, self.params, self.amount)

    def stored_params(self) -> dict[str, Any]:
        """The parameters as the registration keeps them, with the amount (JSON)."""
        return reasons.stored(self.params, self.amount)


# --- The rules ------------------------------------------------------------------------------------


def event_day(event: Event) -> datetime.date:
    return timezone.localdate(event.starts_at)


def rule_for(kind: str, basis: str, on: datetime.date) -> EntryRule | None:
    """The latest rule for (kind, basis) valid on `on`."""
    return (
        EntryRule.objects.filter(event_kind=kind, basis=basis, valid_from__lte=on)
        .order_by("-valid_from", "-pk")
        .first()
    )


def rules_in_force(kind: str, on: datetime.date) -> dict[str, EntryRule]:
    """{basis: the rule valid on `on`} for an event kind: one query."""
    found: dict[str, EntryRule] = {}
    for rule in EntryRule.objects.filter(event_kind=kind, valid_from__lte=on).order_by(
        "-valid_from", "-pk"
    ):
        found.setdefault(rule.basis, rule)
    return found


@dataclass(frozen=True)
class PriceRow:
    """One line of an event's public price table: who, and what they pay."""

    who: str
    what: str


def price_table(event: Event) -> list[PriceRow]:
    """What each kind of entitled person pays at `event`, for its public page (one query)."""
    rules = rules_in_force(event.kind, event_day(event))
    price = event.price
    rows = [PriceRow(who=_("Full price"), what=euros(price) if price else _("free"))]
    entitled = [
        PriceRow(who=label, what=_rule_text(rules.get(basis), event))
        for basis, label in (
            (EntryRule.Basis.MEMBER_STAFF, _("Staff of member institutions")),
            (EntryRule.Basis.LAB_MEMBER, _("Lab members")),
            (EntryRule.Basis.INVITED_EXPERT, _("Invited experts")),
        )
    ]
    if len({row.what for row in entitled}) == 1:  # the same for all three: one line
        who = _("Staff of member institutions, lab members and invited experts")
        return [*rows, PriceRow(who=who, what=entitled[0].what)]
    return rows + entitled


def _rule_text(rule: EntryRule | None, event: Event) -> str:
    price = event.price
    if rule is None or rule.entry == EntryRule.Entry.PRICE or not price:
        return euros(price) if price else _("free")
    if rule.entry == EntryRule.Entry.MEMBER_PRICE:
        if event.member_price is None or event.member_price >= price:
            return euros(price)
        if event.member_price == 0:
            return _("free")
        return _("member price %(amount)s") % {"amount": euros(event.member_price)}
    if rule.per_year:
        return _("free (%(count)s %(events)s a year), then %(price)s") % {
            "count": rule.per_year,
            "events": KINDS_PLURAL.get(event.kind, ""),
            "price": euros(price),
        }
    return _("free")


# --- A person's terms -----------------------------------------------------------------------------


def amount_of(registration: Registration) -> Decimal:
    """What a registration costs, from its basis and its event's prices today (the invoice keeps
    what was charged)."""
    event = registration.event
    if registration.basis == Registration.Basis.PAYING:
        return event.price
    if registration.basis == Registration.Basis.MEMBER_PRICE:
        return event.member_price if event.member_price is not None else event.price
    return ZERO


def free_ones_used(person: Person, event: Event) -> int:
    """How many events of `event`'s kind, in its calendar year, other than `event`, the person
    comes free to through the benefit, where others pay (one query)."""
    year = event_day(event).year
    here = timezone.get_current_timezone()
    starts = datetime.datetime(year, 1, 1, tzinfo=here)
    ends = datetime.datetime(year + 1, 1, 1, tzinfo=here)
    return (
        Registration.objects.filter(
            person=person,
            basis__in=ENTITLED_BASES,
            event__kind=event.kind,
            event__starts_at__gte=starts,
            event__starts_at__lt=ends,
            event__price__gt=0,
        )
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(event_id=event.pk)
        .count()
    )


def terms_for(
    event: Event,
    person: Person | AnonymousUser,
    *,
    on: datetime.date | None = None,
    lock: bool = False,
) -> Terms:
    """The terms on which `person` comes to `event`; NotAdmitted for a members-only event they
    are not entitled to. `on` is the day the entitlement and the rule are judged (the event's
    day). `lock` (the registration service, in its transaction) locks the person's row before
    counting their free events, so two registrations at once never both take the last one."""
    if isinstance(person, Person) and person.is_staff:
        return Terms(Registration.Basis.TEAM, ZERO, TEAM)
    day = on or event_day(event)
    entitlement = entitlements.free_network_day(person, day)
    if not entitlement.granted:
        return _terms_without_benefit(event, entitlement)
    basis = entitlement.code
    rule = rule_for(event.kind, basis, day)
    params: dict[str, Any] = {
        "entitled": basis,
        "name": entitlement.name,
        "price": event.price,
        "kind": event.kind,
    }
    if event.price == 0:  # free for everybody who may come: nothing to count
        return Terms(basis, ZERO, FREE, params, rule)
    if rule is None or rule.entry == EntryRule.Entry.PRICE:
        return Terms(Registration.Basis.PAYING, event.price, NOT_COVERED, params, rule)
    if rule.entry == EntryRule.Entry.MEMBER_PRICE:
        return _member_price_terms(event, basis, params, rule)
    if rule.per_year is None:
        return Terms(basis, ZERO, FREE, params, rule)
    return _counted_terms(event, person, basis, params, rule, lock=lock)


def _terms_without_benefit(event: Event, entitlement: entitlements.Entitlement) -> Terms:
    """No members' benefit: refused at a members-only event, else the price (or free)."""
    if event.is_members_only:
        raise NotAdmitted(
            _("This event is for members of %(network)s only.")
            % {"network": settings.SOM_NETWORK_NAME}
            + " "
            + entitlement.reason,
            "members_only",
        )
    if event.price > 0:
        return Terms(Registration.Basis.PAYING, event.price, NOT_ENTITLED, {"price": event.price})
    return Terms(Registration.Basis.FREE_EVENT, ZERO, FREE_EVENT)


def _member_price_terms(event: Event, basis: str, params: dict[str, Any], rule: EntryRule) -> Terms:
    """The rule says the member price: the event's (free when it is 0), or the price."""
    if event.member_price is None:
        return Terms(Registration.Basis.PAYING, event.price, NO_MEMBER_PRICE, params, rule)
    if event.member_price == 0:
        return Terms(basis, ZERO, FREE, params, rule)
    amount = min(event.member_price, event.price)
    return Terms(Registration.Basis.MEMBER_PRICE, amount, MEMBER_PRICE, params, rule)


def _counted_terms(
    event: Event,
    person: Person | AnonymousUser,
    basis: str,
    params: dict[str, Any],
    rule: EntryRule,
    *,
    lock: bool,
) -> Terms:
    """Free `rule.per_year` times a calendar year, then the price."""
    assert rule.per_year is not None
    if lock and isinstance(person, Person):
        list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
    used = free_ones_used(person, event)  # type: ignore[arg-type]
    params |= {"per_year": rule.per_year, "year": event_day(event).year}
    if used >= rule.per_year:
        return Terms(Registration.Basis.PAYING, event.price, LIMIT_USED, params, rule)
    return Terms(basis, ZERO, FREE, params | {"nth": used + 1}, rule)


def terms_of(registration: Registration) -> Terms | None:
    """The terms said again for a registration (say, in its person's language for a mail), or
    None when today's terms are not the ones it was made on (another basis or amount)."""
    try:
        terms = terms_for(registration.event, registration.person)
    except NotAdmitted:
        return None
    if terms.basis != registration.basis or terms.amount != amount_of(registration):
        return None
    return terms


@dataclass(frozen=True)
class RuleInForce:
    """For the team's page: a kind of event and basis, the rule valid on the day (or None) and
    the next one decided (or None)."""

    kind: str
    basis: str
    rule: EntryRule | None
    next_rule: EntryRule | None

    @property
    def kind_label(self) -> str:
        return str(Event.Kind(self.kind).label)

    @property
    def basis_label(self) -> str:
        return str(EntryRule.Basis(self.basis).label)


def rules_overview(on: datetime.date) -> list[RuleInForce]:
    """Each kind of event that takes registrations and each basis: the rule in force on `on`
    and the next one (one query)."""
    rules = list(EntryRule.objects.order_by("valid_from", "pk"))
    rows = []
    for kind in (Event.Kind.NETWORK_DAY, Event.Kind.COMMUNITY):
        for basis in EntryRule.Basis.values:
            own = [r for r in rules if r.event_kind == kind and r.basis == basis]
            past = [r for r in own if r.valid_from <= on]
            future = [r for r in own if r.valid_from > on]
            rows.append(
                RuleInForce(
                    kind=kind,
                    basis=basis,
                    rule=past[-1] if past else None,
                    next_rule=future[0] if future else None,
                )
            )
    return rows
