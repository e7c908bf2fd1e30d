"""The team's "Membership years" page: the settings of the year's turn, the years with their
members, and sending the next year's renewal invoices early. Everybody else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.accounts.requests import person_of
from som.core.params import whole_number
from som.core.roles import require_team_page
from som.membership import selectors, years
from som.membership.errors import MembershipError
from som.membership.forms import YearSettingsForm
from som.membership.models import Membership, YearSettings
from som.membership.services import rollover
from som.membership.services.rollover import SETTINGS_FIELDS


@login_required
def membership_years(request: HttpRequest) -> HttpResponse:
    person = person_of(request)
    require_team_page(person)
    settings = years.year_settings()
    form = YearSettingsForm(initial={name: getattr(settings, name) for name in SETTINGS_FIELDS})
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "settings":
            form = YearSettingsForm(request.POST)
            if form.is_valid():
                try:
                    rollover.update_settings(by=person, **form.cleaned_data)
                except ValidationError as error:
                    for name, problems in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, problems)
                else:
                    messages.success(request, _("The settings are saved."))
                    return redirect("membership:years")
        elif action in ("renew", "open"):
            _act(request, action)
            return redirect("membership:years")
        else:
            raise Http404
    return render(request, "membership/years.html", _context(form, settings))


def _act(request: HttpRequest, action: str) -> None:
    person = person_of(request)
    today = timezone.localdate()
    try:
        if action == "open":
            opened = rollover.open_next_year(by=person, today=today)
            messages.success(request, _("%(year)s is open.") % {"year": opened.year})
            return
        year = whole_number(request.POST.get("year", ""), None, maximum=9999)
        if year is None:
            messages.error(request, _("Choose a year."))
            return
        renewed = rollover.send_renewals(year=year, by=person, today=today)
    except MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d renewal invoice for %(year)s is on its way.",
                "%(count)d renewal invoices for %(year)s are on their way.",
                len(renewed),
            )
            % {"count": len(renewed), "year": year},
        )


def _context(form: YearSettingsForm, settings: YearSettings) -> dict[str, object]:
    today = timezone.localdate()
    current = years.current_year(today)
    following = current + 1
    return {
        "form": form,
        "today": today,
        "current": current,
        "following": following,
        "following_open": selectors.year_is_open(following),
        "offered_from": settings.next_year_offered_from(current),
        "renewals_from": years.renewal_day_for(following, settings),
        "next_year_due": today >= years.next_year_from(current, settings),
        "to_renew": selectors.renewable_counts([following]).get(following, 0),
        "offers": years.offered_years(today, settings, current),
        "lines": years.year_lines(today, settings, current),
        "statuses": Membership.Status,
    }
