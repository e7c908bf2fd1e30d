from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from som.accounts.requests import person_of
from som.core.pdf import render_pdf
from som.reports import my_som as my_som_selectors
from som.reports import permissions, selectors


@login_required
def my_som(request: HttpRequest) -> HttpResponse:
    """Mijn SOM, where everybody lands after login: what matters to this person now, from every
    app, and the way to each of their pages."""
    person = person_of(request)
    return render(request, "reports/my_som.html", {"som": my_som_selectors.my_som(person)})


def team_home(request: HttpRequest) -> HttpResponse:
    """The team's start page: what waits for them today, and the way to every team page."""
    permissions.require_team_reports(request.user)
    return render(request, "reports/team_home.html", {"todo": selectors.team_todo()})


def annual_report(request: HttpRequest) -> HttpResponse:
    """The labs' part of the annual report of a school year (`?year=2022-2023`): the approved
    entries, each as Situering / Partners / Realisaties / Uitdagingen; `&format=pdf` for a PDF."""
    permissions.require_team_reports(request.user)
    report = selectors.annual_report(request.GET.get("year", ""))
    context = {
        "years": report.years,
        "year": report.year,
        "entries": report.entries,
        "waiting": report.waiting,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    if request.GET.get("format") == "pdf" and report.year:
        pdf = render_pdf("reports/annual_report_pdf.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="jaarverslag-labos-{report.year}.pdf"'
        return response
    return render(request, "reports/annual_report.html", context)
