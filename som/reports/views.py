from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from som.accounts.requests import person_of
from som.labs import selectors as labs_selectors
from som.reports import my_som as my_som_selectors
from som.reports import selectors


@login_required
def my_som(request: HttpRequest) -> HttpResponse:
    """Mijn SOM, where everybody lands after login: what matters to this person now, from every
    app, and the way to each of their pages."""
    person = person_of(request)
    return render(request, "reports/my_som.html", {"som": my_som_selectors.my_som(person)})


def team_home(request: HttpRequest) -> HttpResponse:
    """The team's start page: what waits for them today, and the way to every team page."""
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    return render(request, "reports/team_home.html", {"todo": selectors.team_todo()})


def annual_report(request: HttpRequest) -> HttpResponse:
    """The labs' part of the annual report of a school year (`?year=2022-2023`): the approved
    entries, each as Situering / Partners / Realisaties / Uitdagingen; `&format=pdf` for a PDF."""
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    years = labs_selectors.school_years_with_entries()
    year = request.GET.get("year", "")
    if year not in years:
        year = years[0] if years else ""
    context = {
        "years": years,
        "year": year,
        "entries": list(labs_selectors.approved_year_entries(year)) if year else [],
        "waiting": labs_selectors.waiting_year_entries(year).count() if year else 0,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    if request.GET.get("format") == "pdf" and year:
        from weasyprint import HTML  # imported here: loading Pango costs time at start-up

        html = render_to_string("reports/annual_report_pdf.html", context, request=request)
        pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="jaarverslag-labos-{year}.pdf"'
        return response
    return render(request, "reports/annual_report.html", context)
