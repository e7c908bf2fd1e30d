"""A portrait's pages: the public portrait with its "Contact me" form, the person's approval page
(the secret link from the mail is the key, no login), and the team's request for approval."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from som.accounts.models import Person
from som.core import limits
from som.core.errors import DomainError
from som.core.roles import is_team
from som.publishing import portraits
from som.publishing.forms.portrait import ChangeRequestForm, PortraitMessageForm
from som.publishing.models import PortraitApproval, PortraitPage


def serve_portrait_page(
    page: PortraitPage, request: HttpRequest, form: PortraitMessageForm | None = None
) -> HttpResponse:
    """The public portrait (Wagtail serves only live pages; the person's consent must still
    allow the website). The team's preview shows it whatever the consent says."""
    if not getattr(request, "is_preview", False) and not page.shown_publicly():
        raise Http404
    context = page.get_context(request)
    status = 200
    if form is not None:
        context["message_form"] = form
        status = 429 if form.non_field_errors() else 400
    return render(request, page.get_template(request), context, status=status)


def _public_portrait(pk: int) -> PortraitPage:
    page = PortraitPage.objects.live().public().filter(pk=pk).first()
    if page is None or not page.shown_publicly() or not page.accepts_messages:
        raise Http404
    return page


@require_POST
def contact_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader's message to the person portrayed, sent by the site to their hidden address."""
    page = _public_portrait(pk)
    form = PortraitMessageForm(request.POST)
    if not form.is_valid():
        return serve_portrait_page(page, request, form)
    data = form.cleaned_data
    if not limits.consume(request, action="contact", key=limits.sender_key(request, data["email"])):
        form.add_error(None, limits.too_many_messages())
        return serve_portrait_page(page, request, form)
    if not data["website"]:
        portraits.send_message(
            portrait=page, name=data["name"], email=data["email"], message=data["message"]
        )
    messages.success(
        request,
        _("Thank you! Your message was sent to %(name)s.") % {"name": page.person_name},
    )
    return redirect(f"{page.url}#contact")


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the secret: no other site learns it from a Referer, no cache keeps it.
    # ("no-referrer" would also make the browser send `Origin: null` with the page's own forms,
    # which Django's CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def approval(request: HttpRequest, token: str) -> HttpResponse:
    """The person's page: the text as it will be published, and their three choices."""
    found = portraits.approval_for_token(token)
    if found is None:
        return _private(render(request, "publishing/portrait_approval_invalid.html", status=404))
    change_form = ChangeRequestForm(
        request.POST if request.POST.get("choice") == "change" else None
    )
    status = 200
    if request.method == "POST":
        try:
            done = _answer(request, found, change_form)
        except portraits.PortraitError as error:
            messages.error(request, str(error))
            done = None
            status = 409
        if done is not None:
            messages.success(request, done)
            return _private(redirect(request.path))
        found.refresh_from_db()
        if status == 200:
            status = 400
    context = {
        "approval": found,
        "content": portraits.asked_content(found),
        "may_answer": portraits.may_answer(found),
        "may_withdraw": portraits.may_withdraw(found),
        "expired": portraits.is_expired(found),
        "change_form": change_form,
    }
    return _private(render(request, "publishing/portrait_approval.html", context, status=status))


def _answer(
    request: HttpRequest, found: PortraitApproval, change_form: ChangeRequestForm
) -> str | None:
    """Carry out the person's choice; the confirmation to show, or None when the form is wrong."""
    choice = request.POST.get("choice")
    if choice == "approve":
        portraits.approve(approval=found)
        return _("Thank you! You approved your portrait. We will publish it soon.")
    if choice == "change":
        if not change_form.is_valid():
            return None
        portraits.ask_changes(approval=found, message=change_form.cleaned_data["message"])
        return _("Thank you! We received your request and will send you the new text.")
    if choice == "withdraw":
        portraits.withdraw(approval=found)
        return _("Your portrait is withdrawn: it is no longer on the website.")
    raise portraits.PortraitError(_("Choose one of the buttons."), "no_choice")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ask_approval(request: HttpRequest, pk: int) -> HttpResponse:
    """The team asks the person to approve the portrait's latest text (from Wagtail's editor)."""
    person = cast(Person, request.user)  # logged in (login_required)
    if not is_team(person):
        raise Http404
    page = get_object_or_404(PortraitPage, pk=pk)
    if not page.permissions_for_user(person).can_edit():
        raise Http404
    content: Any = page.get_latest_revision_as_object()
    if request.method == "POST":
        try:
            portraits.ask_approval(portrait=page, by=person)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("We mailed %(name)s a link to approve the portrait.")
                % {"name": content.person_name},
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    context = {
        "page": page,
        "content": content,
        "approvals": page.approvals.all()[:10],
    }
    return render(request, "publishing/portrait_ask_approval.html", context)
