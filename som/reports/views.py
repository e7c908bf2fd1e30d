from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from som.reports import selectors


def team_home(request: HttpRequest) -> HttpResponse:
    """The team's start page: what waits for them today, and the way to every team page."""
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    return render(request, "reports/team_home.html", {"todo": selectors.team_todo()})
