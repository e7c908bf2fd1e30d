"""The turn of the membership year: the team's settings, opening the next year and sending its
renewal invoices before it starts. The daily `roll_over_membership_years` command does the last
two by itself from the settings' days; the team can do them earlier on its "Membership years"
page. Every entrance calls these functions; running one twice does nothing twice."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core import audit
from som.core.roles import require_team
from som.membership import services, years
from som.membership.errors import MembershipError
from som.membership.models import Membership, MembershipYear, YearSettings

SETTINGS_FIELDS = (
    "next_year_month",
    "next_year_day",
    "late_application",
    "renewal_month",
    "renewal_day",
)


@transaction.atomic
def update_settings(
    *,
    by: Person,
    next_year_month: int,
    next_year_day: int,
    late_application: str,
    renewal_month: int,
    renewal_day: int,
) -> YearSettings:
    """The team sets from which day the next year is offered, what a late application gets and
    when the renewal invoices go out. A day that does not exist every year is refused."""
    require_team(by, error=MembershipError)
    settings, _created = YearSettings.objects.select_for_update().get_or_create(pk=1)
    before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    settings.next_year_month = next_year_month
    settings.next_year_day = next_year_day
    settings.late_application = late_application
    settings.renewal_month = renewal_month
    settings.renewal_day = renewal_day
    settings.full_clean()
    settings.save()
    changes = {
        name: [before[name], getattr(settings, name)]
        for name in SETTINGS_FIELDS
        if before[name] != getattr(settings, name)
    }
    if changes:
        audit.record(
            actor=by, action="membership_year_settings.changed", obj=settings, changes=changes
        )
    return settings


def open_next_year(*, by: Person, today: datetime.date) -> MembershipYear:
    """The team opens the year after the current one ahead of the settings' day (to show it in
    the overview, or to send its renewals early). Only the next year: never one further ahead."""
    require_team(by, error=MembershipError)
    return services.open_year(year=years.current_year(today) + 1, by=by)


def send_renewals(*, year: int, by: Person, today: datetime.date) -> list[Membership]:
    """The team sends the renewal invoices into `year` now, the current or the next year (opened
    when missing): every active member of the year before that is not renewed yet."""
    require_team(by, error=MembershipError)
    current = years.current_year(today)
    if year not in (current, current + 1):
        raise MembershipError(
            _("Renewals go into this year or the next one, not into %(year)s.") % {"year": year},
            "not_renewable_year",
        )
    if year == current + 1 and today < (earliest := years.next_year_from(current)):
        raise MembershipError(
            _("The renewals for %(year)s can go out from %(day)s.")
            % {"year": year, "day": formats.date_format(earliest, "DATE_FORMAT")},
            "too_early",
        )
    return services.renew_all(year=services.open_year(year=year, by=by), by=by)


@dataclass(frozen=True)
class RollOver:
    opened: list[MembershipYear] = field(default_factory=list)
    renewed: list[Membership] = field(default_factory=list)


def _open(year: int, opened: list[MembershipYear]) -> MembershipYear:
    existed = MembershipYear.objects.filter(year=year).exists()
    membership_year = services.open_year(year=year, by=None)
    if not existed:
        opened.append(membership_year)
    return membership_year


def roll_over(*, today: datetime.date) -> RollOver:
    """Daily, by the system: the current year exists; from the settings' day the next year is
    open; from the renewal day every active member is renewed into it and invoiced, before the
    year starts. A member whose membership becomes active after that day is renewed by the next
    run, also once the new year has begun (a run missed in December is caught up in January)."""
    settings = years.year_settings()
    current = years.current_year(today)
    opened: list[MembershipYear] = []
    renewed = services.renew_all(year=_open(current, opened), by=None)
    renew_from = years.renewal_day_for(current + 1, settings)
    if today >= years.next_year_from(current):
        next_year = _open(current + 1, opened)
        if today >= renew_from:
            renewed += services.renew_all(year=next_year, by=None)
    return RollOver(opened=opened, renewed=renewed)
