"""Why a person comes free to an event, or pays: a code with its parameters, rendered in the
active language (no database). `som.events.entry` decides the code (`Terms.code`); a
registration stores it (`Registration.basis_code`, `basis_params`) and renders it wherever it is
shown or mailed (`Registration.basis_reason`), so a Dutch registrar's colleague reads English.

The parameters are JSON (`stored`): `price` and `amount` as strings of decimals; `entitled` (a
registration basis), `name` (the organisation, or the lab), `kind` (the event's kind),
`per_year`, `nth` and `year` when the free events are counted."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from som.core.money import euros

# The codes (`som.events.entry.Terms.code`, `Registration.basis_code`).
TEAM = "team"
FREE_EVENT = "free_event"  # the event is free for everybody
NOT_ENTITLED = "not_entitled"  # no membership: the price
FREE = "free"  # free through the benefit (params: per_year, nth, year when limited)
LIMIT_USED = "limit_used"  # the free events of the year are used up: the price
MEMBER_PRICE = "member_price"  # the member price instead of the price
NO_MEMBER_PRICE = "no_member_price"  # the rule says the member price, the event has none
NOT_COVERED = "not_covered"  # the rule says the price, or no rule for this kind
UNKNOWN = "unknown"  # an old sentence nobody could read back (data migration 0007)

# Registration bases (`Registration.Basis`), as the parameter `entitled` holds them.
MEMBER_STAFF, LAB_MEMBER, INVITED_EXPERT = "member_staff", "lab_member", "invited_expert"

KINDS_PLURAL: dict[str, Any] = {
    "network_day": gettext_lazy("network days"),
    "community": gettext_lazy("community events"),
    "external": gettext_lazy("partners' events"),
}


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def stored(params: Mapping[str, Any], amount: Decimal) -> dict[str, Any]:
    """The parameters as a registration keeps them (JSON): decimals as strings, the amount
    too."""
    kept = {
        key: str(value) if isinstance(value, Decimal) else value for key, value in params.items()
    }
    return kept | {"amount": str(amount)}


def sentence(code: str, params: Mapping[str, Any], amount: Decimal | str | None = None) -> str:
    """Why, in the active language. `amount` defaults to the stored parameter `amount`."""
    p = dict(params)
    price = _decimal(p.get("price"))
    paid = _decimal(amount if amount is not None else p.get("amount")) or Decimal("0")
    values: dict[str, Any] = {
        "network": settings.SOM_NETWORK_NAME,
        "price": euros(price),
        "amount": euros(paid),
        "why": _why(p),
        "events": KINDS_PLURAL.get(p.get("kind", ""), ""),
        "per_year": p.get("per_year"),
        "nth": p.get("nth"),
        "year": p.get("year"),
    }
    invoice = " " + _("You receive an invoice by mail.") if paid > 0 else ""
    if code == TEAM:
        return _("You are part of the SOM team.")
    if code == FREE_EVENT:
        return _("This event is free for everybody.")
    if code == NOT_ENTITLED:
        return _("%(price)s: you are not a member of %(network)s.") % values + invoice
    if code == FREE:
        return _free(p, price, values)
    if code == LIMIT_USED:
        return (
            _(
                "%(price)s: %(why)s, but you already come free to %(per_year)s %(events)s "
                "in %(year)s, as many as the members' benefit gives a year."
            )
            % values
            + invoice
        )
    if code == MEMBER_PRICE:
        return _("Member price %(amount)s instead of %(price)s: %(why)s.") % values + invoice
    if code == NO_MEMBER_PRICE:
        return _("%(price)s: %(why)s, but this event has no member price.") % values + invoice
    if code == NOT_COVERED:
        return (
            _("%(price)s: %(why)s, but the members' benefit does not cover %(events)s.") % values
            + invoice
        )
    return ""  # UNKNOWN, or no code: the page shows the basis alone


def _free(p: Mapping[str, Any], price: Decimal | None, values: Mapping[str, Any]) -> str:
    if not price:  # free for all who may come: who they are
        return _entitled_sentence(p)
    if p.get("per_year"):
        return (
            _("Free: %(why)s; %(nth)s of your %(per_year)s free %(events)s in %(year)s.") % values
        )
    return _("Free: %(why)s.") % values


def _entitled_sentence(params: Mapping[str, Any]) -> str:
    """The membership app's own sentences (entitlements._participation), in the active language."""
    entitled, name = params.get("entitled", ""), params.get("name", "")
    network = settings.SOM_NETWORK_NAME
    if entitled == MEMBER_STAFF:
        return _("You work for %(organisation)s, a member of %(network)s.") % {
            "organisation": name,
            "network": network,
        }
    if entitled == LAB_MEMBER:
        return _("You have a lab membership of %(network)s.") % {"network": network}
    return _("You are an invited expert of the lab %(lab)s.") % {"lab": name}


def _why(params: Mapping[str, Any]) -> str:
    entitled, name = params.get("entitled", ""), params.get("name", "")
    network = settings.SOM_NETWORK_NAME
    if entitled == MEMBER_STAFF:
        return _("you work for %(organisation)s, a member of %(network)s") % {
            "organisation": name,
            "network": network,
        }
    if entitled == LAB_MEMBER:
        return _("you have a lab membership of %(network)s") % {"network": network}
    if entitled == INVITED_EXPERT:
        return _("you are an invited expert of the lab %(lab)s") % {"lab": name}
    return ""
