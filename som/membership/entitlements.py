"""The one place that answers "may this person ... on this day, and why (or why not)?".

Entitlements are derived from memberships and affiliations, never stored:
- a vote in the general assembly for an organisation: its general membership counts that day
  and the person is its representative (or, with none named, its contact person);
- a free network day and a place in the labs: the person works (affiliation within its dates,
  or a verified address on the organisation's email domain) for an organisation whose membership
  counts that day, or holds a personal lab membership that counts that day, or (for labs, and
  network days) is an invited expert of a running lab.
Invited experts come from the labs app, which registers an `ExpertSource` here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import hooks
from som.membership.models import Membership
from som.membership.selectors import counting_on
from som.network.models import Affiliation, Organisation


@dataclass(frozen=True)
class Entitlement:
    granted: bool
    code: str
    reason: str
    membership: Membership | None = None
    # The organisation (member_staff) or the lab (invited_expert) it comes through, for a
    # sentence said again in another language (som.events.entry).
    name: str = ""

    def __bool__(self) -> bool:
        return self.granted


# A function (person, day, lab or None) -> the name of the lab that invited them, or None.
ExpertSource = Callable[[Person, datetime.date, object | None], str | None]
_expert_sources: list[ExpertSource] = []
hooks.expect(
    "som.membership.entitlements: invited experts",
    lambda: _expert_sources,
    filled_by="LabsConfig.ready (the labs' invited experts)",
)


def register_expert_source(source: ExpertSource) -> None:
    if source not in _expert_sources:
        _expert_sources.append(source)


def _employers_on(person: Person, on: datetime.date) -> Q:
    """Organisations a person works for on a day: by affiliation, or by verified email domain
    unless their contact person ended the person's affiliation (they left; the address stays
    verified in our records)."""
    affiliations = Affiliation.objects.filter(person=person, since__lte=on)
    affiliated = affiliations.filter(Q(until__isnull=True) | Q(until__gt=on))
    left = affiliations.filter(until__lte=on).exclude(
        organisation__in=affiliated.values("organisation_id")
    )
    domains = [
        email.rsplit("@", 1)[-1].lower()
        for email in EmailAddress.objects.filter(user=person, verified=True).values_list(
            "email", flat=True
        )
    ]
    return Q(organisation__in=affiliated.values("organisation_id")) | (
        Q(organisation__email_domains__domain__in=domains)
        & ~Q(organisation__in=left.values("organisation_id"))
    )


def _membership_through_work(person: Person, on: datetime.date) -> Membership | None:
    return (
        Membership.objects.filter(counting_on(on), _employers_on(person, on))
        .select_related("organisation", "membership_type")
        .order_by("-membership_type__gives_vote", "pk")
        .first()
    )


def _personal_membership(person: Person, on: datetime.date) -> Membership | None:
    return (
        Membership.objects.filter(counting_on(on), person=person)
        .select_related("membership_type")
        .first()
    )


def _participation(
    person: Person | AnonymousUser, on: datetime.date, lab: object | None
) -> Entitlement:
    if not isinstance(person, Person) or not person.is_active:
        return Entitlement(False, "anonymous", _("Log in first."))
    membership = _membership_through_work(person, on)
    if membership is not None:
        return Entitlement(
            True,
            "member_staff",
            _("You work for %(organisation)s, a member of %(network)s.")
            % {"organisation": membership.organisation, "network": settings.SOM_NETWORK_NAME},
            membership,
            name=str(membership.organisation),
        )
    membership = _personal_membership(person, on)
    if membership is not None:
        return Entitlement(
            True,
            "lab_member",
            _("You have a lab membership of %(network)s.") % {"network": settings.SOM_NETWORK_NAME},
            membership,
        )
    for source in _expert_sources:
        lab_name = source(person, on, lab)
        if lab_name:
            return Entitlement(
                True,
                "invited_expert",
                _("You are an invited expert of the lab %(lab)s.") % {"lab": lab_name},
                name=lab_name,
            )
    return Entitlement(
        False,
        "no_membership",
        _(
            "Neither you nor an organisation you work for has a membership of %(network)s "
            "on that day."
        )
        % {"network": settings.SOM_NETWORK_NAME},
    )


def free_network_day(person: Person | AnonymousUser, on: datetime.date) -> Entitlement:
    return _participation(person, on, None)


def lab_participation(
    person: Person | AnonymousUser, on: datetime.date, lab: object | None = None
) -> Entitlement:
    return _participation(person, on, lab)


def general_assembly_vote(
    person: Person, organisation: Organisation, on: datetime.date
) -> Entitlement:
    membership = (
        Membership.objects.filter(
            counting_on(on), organisation=organisation, membership_type__gives_vote=True
        )
        .select_related("representative", "organisation")
        .first()
    )
    if membership is None:
        return Entitlement(
            False,
            "not_voting_member",
            _("%(organisation)s is not a voting member on that day.")
            % {"organisation": organisation},
        )
    if membership.representative_id is not None:
        if membership.representative_id == person.pk:
            return Entitlement(
                True,
                "representative",
                _("You represent %(organisation)s in the general assembly.")
                % {"organisation": organisation},
                membership,
            )
        return Entitlement(
            False,
            "not_representative",
            _("%(person)s represents %(organisation)s in the general assembly.")
            % {"person": membership.representative, "organisation": organisation},
            membership,
        )
    is_contact = Affiliation.objects.filter(
        Q(until__isnull=True) | Q(until__gt=on),
        person=person,
        organisation=organisation,
        role=Affiliation.Role.CONTACT,
        since__lte=on,
    ).exists()
    if is_contact:
        return Entitlement(
            True,
            "contact_represents",
            _("As contact person you represent %(organisation)s (no representative is named).")
            % {"organisation": organisation},
            membership,
        )
    return Entitlement(
        False,
        "not_representative",
        _("Only the representative of %(organisation)s votes for it.")
        % {"organisation": organisation},
        membership,
    )
