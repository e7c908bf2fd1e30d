"""What a meeting leaves: its documents, the minutes (page and PDF) and the register of
decisions."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control

from som.accounts.requests import person_of
from som.core import downloads
from som.governance import permissions, selectors
from som.governance.services import minutes as minutes_service

# --- Documents and minutes ----------------------------------------------------------------------


@login_required
@cache_control(private=True, no_store=True)  # for members only: no proxy keeps it
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = permissions.get_document_for_member(person_of(request), pk)
    # Only a PDF opens in the browser: any other upload (HTML too) is downloaded, never rendered
    # on this site's origin.
    inline = found.content_type == "application/pdf"
    return downloads.private_file(
        found.file,
        content_type=found.content_type if inline else "application/octet-stream",
        filename=found.filename,
        as_attachment=not inline,
    )


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = permissions.get_minutes_for_reader(person, pk)
    return render(
        request,
        "governance/minutes.html",
        {
            "minutes": found,
            "meeting": found.meeting,
            "is_secretary": selectors.is_secretary(person),
        },
    )


@login_required
@cache_control(private=True, no_store=True)  # for members only: no proxy keeps it
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = permissions.get_minutes_for_reader(person_of(request), pk)
    pdf = minutes_service.minutes_pdf(found, translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate(found.meeting.starts_at)
    response["Content-Disposition"] = f'inline; filename="notulen-{day:%Y-%m-%d}.pdf"'
    return response


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    access = permissions.require_member_access(person_of(request))
    search = request.GET.get("q", "")[:100]
    found = selectors.register_of_decisions(search=search, published_only=not access.secretary)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(request, "governance/decisions.html", {"page": page, "search": search})
