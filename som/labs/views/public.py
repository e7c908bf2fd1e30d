"""The public lab pages: the overview (filter by status and speerpunt), a lab's page with its
timeline, a result, the results overview, the contact form, and the file downloads (each through
its gate: nothing under MEDIA_ROOT is served directly).

The main content of the overview, a lab's page and the results overview is the same for every
visitor: it comes from the cache (`page_cache.fragment`) and the services invalidate it."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from som.accounts.requests import person_of
from som.core import downloads, files, limits, page_cache
from som.core.page_cache import cache_for_anonymous
from som.labs import permissions, selectors
from som.labs.forms.labs import ContactLabForm, LabFilterForm
from som.labs.models import Lab
from som.labs.services import labs as lab_services
from som.network.selectors import speerpunten


def _card_rows(labs: list[Lab]) -> list[dict[str, Any]]:
    """What each card shows, worked out once here rather than per row in the template."""
    base = reverse("labs:lab", kwargs={"slug": "__slug__"})
    return [
        {
            "title": lab.title,
            "summary": lab.summary,
            "url": base.replace("__slug__", lab.slug),
            "status": lab.status,
            "status_label": lab.get_status_display(),
            "speerpunten": [s.display_name for s in lab.speerpunten.all()],
            "year": lab.starts_on.year,
        }
        for lab in labs
    ]


@cache_for_anonymous
def overview(request: HttpRequest) -> HttpResponse:
    status = speerpunt = ""
    if request.GET:  # the plain overview needs neither the form nor the speerpunten here
        form = LabFilterForm(request.GET, speerpunten=list(speerpunten()))
        if form.is_valid():
            status, speerpunt = form.cleaned_data["status"], form.cleaned_data["speerpunt"]

    def build() -> str:
        rows = _card_rows(list(selectors.public_labs(status=status, speerpunt=speerpunt)))
        # A fresh form with the valid filters: never the first visitor's own (invalid) input.
        applied = LabFilterForm(
            initial={"status": status, "speerpunt": speerpunt}, speerpunten=list(speerpunten())
        )
        context = {"rows": rows, "filtered": bool(status or speerpunt), "form": applied}
        return render_to_string("labs/public/_overview.html", context)

    content = page_cache.fragment(f"labs:overview:{status}:{speerpunt}", build)
    return render(request, "labs/public/overview.html", {"content": content})


@cache_for_anonymous
def lab(request: HttpRequest, slug: str) -> HttpResponse:
    def build() -> dict[str, str]:
        the_lab = permissions.get_public_lab(slug)
        result_base = reverse("labs:result", kwargs={"slug": slug, "pk": 0}).removesuffix("0/")
        html = render_to_string(
            "labs/public/_lab.html",
            {
                "lab": the_lab,
                "speerpunten": [s.display_name for s in the_lab.speerpunten.all()],
                "timeline": selectors.public_timeline(the_lab),
                "result_base": result_base,
                "contact_url": reverse("labs:contact", kwargs={"slug": slug}),
            },
        )
        return {"title": the_lab.title, "summary": the_lab.summary, "content": html}

    context: dict[str, Any] = {**page_cache.kept(f"labs:lab:{slug}", build), "slug": slug}
    person = person_of(request) if request.user.is_authenticated else None
    if person is not None and (person.is_staff or selectors.is_in_group_of(slug, person)):
        # A personal link, outside the cached part.
        context["group_url"] = reverse("labs:group", kwargs={"slug": slug})
    return render(request, "labs/public/lab.html", context)


@cache_for_anonymous
def result(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    the_result = permissions.get_published_result(slug, pk)
    return render(request, "labs/public/result.html", {"result": the_result, "lab": the_result.lab})


@cache_for_anonymous
def results(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        rows = [
            {
                "result": r,
                "url": reverse("labs:result", kwargs={"slug": r.lab.slug, "pk": r.pk}),
                "lab_url": reverse("labs:lab", kwargs={"slug": r.lab.slug}),
            }
            for r in selectors.published_results()
        ]
        return render_to_string("labs/public/_results.html", {"rows": rows})

    content = page_cache.fragment("labs:results", build)
    return render(request, "labs/public/results.html", {"content": content})


def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """A message to the lab's leads; their addresses stay hidden (the mail goes from us).
    Limited per visitor address and per sender (`contact` in ACCOUNT_RATE_LIMITS, shared with
    the team's contact form)."""
    the_lab = permissions.get_public_lab(slug)
    form = ContactLabForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        sender = limits.sender_key(request, form.cleaned_data["email"])
        if not limits.consume(request, action="contact", key=sender):
            form.add_error(None, limits.too_many_messages())
            status = 429
        else:
            if not form.cleaned_data["website"]:
                try:
                    lab_services.contact_lab(
                        lab=the_lab,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        message=form.cleaned_data["message"],
                    )
                except lab_services.LabError as error:
                    form.add_error(None, error.message)
            if not form.errors:
                messages.success(request, _("Thank you! The lab's leads receive your message."))
                return redirect("labs:lab", slug=the_lab.slug)
    return render(
        request, "labs/public/contact.html", {"lab": the_lab, "form": form}, status=status
    )


def _download(file_field: Any, name: str, content_type: str) -> HttpResponseBase:
    response = downloads.private_file(file_field, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = permissions.get_attachment_for_reader(request.user, pk)  # type: ignore[arg-type]
    return _download(item.file, item.name, item.content_type)


def result_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = permissions.get_result_file_for_reader(request.user, pk)  # type: ignore[arg-type]
    response = _download(item.file, item.name, item.content_type)
    if item.result.published_at is not None and item.may_be_shown:
        # A photo of people may be revoked any day: kept for minutes, not an hour.
        seconds = 3600 if item.consent_id is None else 300
        response["Cache-Control"] = f"public, max-age={seconds}"
    return response


def receipt(request: HttpRequest, pk: int) -> HttpResponseBase:
    expense = permissions.get_receipt_for_reader(request.user, pk)  # type: ignore[arg-type]
    with expense.receipt.open("rb") as stored:
        content_type = files.sniff(stored.read(16)) or "application/octet-stream"
    return _download(expense.receipt, expense.receipt_name or "receipt", content_type)
