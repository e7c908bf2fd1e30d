"""Which membership year is current and which years are offered to applicants: reads, from the
organisation's YearSettings (one row the team changes on its "Membership years" page).

A membership year is a calendar year (services.open_year). From the settings' day (1 October by
default) the next year is offered too and is the default, whether or not its row exists yet:
whoever applies for it opens it (services.apply), as does the daily roll-over."""

import datetime
from dataclasses import dataclass

from som.membership import selectors
from som.membership.models import MembershipYear, YearSettings


@dataclass(frozen=True)
class YearOffer:
    """A year an applicant can choose today."""

    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    is_default: bool
    # A late application that includes the rest of the current year: the membership counts from
    # its payment, before its year starts.
    counts_from_payment: bool


def year_settings() -> YearSettings:
    """The settings row (created by the migration); its defaults if it went missing."""
    return YearSettings.objects.filter(pk=1).first() or YearSettings(pk=1)


def current_year(today: datetime.date) -> int:
    """The membership year that contains `today`: its row's, else the calendar year."""
    found = (
        MembershipYear.objects.filter(starts_on__lte=today, ends_on__gte=today)
        .values_list("year", flat=True)
        .first()
    )
    return found or today.year


def _bounds(year: int, rows: dict[int, MembershipYear]) -> tuple[datetime.date, datetime.date]:
    row = rows.get(year)
    if row is not None:
        return row.starts_on, row.ends_on
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def offered_years(
    today: datetime.date, settings: YearSettings | None = None, current: int | None = None
) -> list[YearOffer]:
    """The years an application can be for today, oldest first, one of them the default.

    Before the settings' day: the current year. From it: the next year as the default, and the
    current year too unless the settings give a late application the rest of this year with
    the next (then choosing this year would only cost a second fee)."""
    settings = settings or year_settings()
    current = current or current_year(today)
    rows = {row.year: row for row in MembershipYear.objects.filter(year__in=[current, current + 1])}
    late = today >= settings.next_year_offered_from(current)
    rest_included = late and settings.late_application == YearSettings.LateApplication.REST_AND_NEXT
    offers = []
    if not rest_included:
        starts_on, ends_on = _bounds(current, rows)
        offers.append(YearOffer(current, starts_on, ends_on, not late, False))
    if late:
        starts_on, ends_on = _bounds(current + 1, rows)
        offers.append(YearOffer(current + 1, starts_on, ends_on, True, rest_included))
    return offers


def renewal_day_for(year: int, settings: YearSettings | None = None) -> datetime.date:
    """The day from which the renewal invoices for `year` go out: in the year before."""
    settings = settings or year_settings()
    return settings.renewals_go_out_on(year - 1)


def next_year_from(current: int, settings: YearSettings | None = None) -> datetime.date:
    """From this day the year after `current` is at hand: offered to applicants, or renewed
    into, whichever the settings put first."""
    settings = settings or year_settings()
    return min(settings.next_year_offered_from(current), renewal_day_for(current + 1, settings))


@dataclass(frozen=True)
class YearLine:
    """A row of the team's "Membership years" page."""

    year: MembershipYear
    counts: dict[str, int]
    to_renew: int
    renewals_from: datetime.date

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def year_lines(
    today: datetime.date, settings: YearSettings | None = None, current: int | None = None
) -> list[YearLine]:
    """The years that are not over, and the last one that is, newest first, with how many
    members each can still be renewed into (this year, and the next once it is at hand)."""
    settings = settings or year_settings()
    rows = list(MembershipYear.objects.filter(ends_on__gte=today).order_by("-year"))
    last_over = MembershipYear.objects.filter(ends_on__lt=today).order_by("-year").first()
    if last_over is not None:
        rows.append(last_over)
    counts = selectors.membership_counts_by_year([row.pk for row in rows])
    current = current or current_year(today)
    due = today >= next_year_from(current, settings)
    renewable = [
        row.year for row in rows if row.year == current or (row.year == current + 1 and due)
    ]
    to_renew = selectors.renewable_counts(renewable)
    return [
        YearLine(
            year=row,
            counts=counts.get(row.pk, {}),
            to_renew=to_renew.get(row.year, 0),
            renewals_from=renewal_day_for(row.year, settings),
        )
        for row in rows
    ]
