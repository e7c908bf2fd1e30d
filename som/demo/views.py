"""The demo's own pages: what to try (/demo/) and the mailbox (/demo/mail/). They exist only when
SOM_ENV=demo; everywhere else they answer 404. Nobody needs to log in: the demo's people are
made up, and a newcomer must read a login code before they are logged in."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from som.demo import guide, loader, mailbox, publishing
from som.demo.models import SentMail

MAILS_PER_PAGE = 50


def demo_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.SOM_ENV != "demo":
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@demo_only
def home(request: HttpRequest) -> HttpResponse:
    story = guide.story()
    context = {
        "personas": guide.personas(story),
        "password": loader.DEMO_PASSWORD,
        "story": story,
        "mailbox_url": guide.mailbox_url(),
        "site": publishing.tour(),
    }
    return render(request, "demo/home.html", context)


def _addressed_to(email: str) -> Q:
    """`recipients` holds one address a line."""
    return (
        Q(recipients=email)
        | Q(recipients__startswith=email + "\n")
        | Q(recipients__endswith="\n" + email)
        | Q(recipients__contains="\n" + email + "\n")
    )


@require_GET
@demo_only
def mails(request: HttpRequest) -> HttpResponse:
    to = request.GET.get("to", "").strip().lower()
    found = SentMail.objects.defer("message")
    if to:
        found = found.filter(_addressed_to(to))
    page = Paginator(found, MAILS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "to": to,
        "query": f"to={to}" if to else "",
        "logins": loader.LOGINS,
    }
    return render(request, "demo/mailbox.html", context)


@require_GET
@demo_only
def mail(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SentMail, pk=pk)
    context = {"read": mailbox.read(found), "to": request.GET.get("to", "").strip().lower()}
    return render(request, "demo/mail.html", context)


@require_GET
@demo_only
def attachment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = mailbox.attachment(get_object_or_404(SentMail, pk=pk), number)
    if found is None:
        raise Http404
    part, data = found
    response = HttpResponse(data, content_type=part.content_type)
    shown = part.is_image or part.content_type == "application/pdf"
    disposition = "inline" if shown else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{part.filename}"'
    return response
