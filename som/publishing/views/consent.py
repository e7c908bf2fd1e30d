"""The consent register, for the team: the list (search and filters), recording a consent, one
consent with the places that use it, and revoking it (with a confirmation step). The writes are
som.network.consents' services; revoking one takes what it covers off the public site in the same
request (som/publishing/consent_effects.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.accounts.requests import person_of
from som.network import consents
from som.network.models import Consent
from som.publishing.forms.consent import ConsentForm, RegisterFilterForm, RevokeForm

PER_PAGE = 50


def _team(request: HttpRequest) -> Person:
    person = person_of(request)
    if not consents.may_record(person):
        raise Http404
    return person


def _consent_for_team(request: HttpRequest, pk: int) -> Consent:
    _team(request)
    return get_object_or_404(Consent.objects.select_related("subject", "recorded_by"), pk=pk)


def filtered(form: RegisterFilterForm) -> QuerySet[Consent]:
    found = Consent.objects.select_related("recorded_by").order_by("-created_at", "-pk")
    if not form.is_valid():
        return found
    today = timezone.localdate()
    query = form.cleaned_data["q"].strip()
    if query:
        found = found.filter(Q(subject_name__icontains=query) | Q(given_by_name__icontains=query))
    state = form.cleaned_data["state"]
    if state == "active":
        found = found.filter(revoked_at__isnull=True).exclude(valid_until__lt=today)
    elif state == "revoked":
        found = found.filter(revoked_at__isnull=False)
    elif state == "expired":
        found = found.filter(revoked_at__isnull=True, valid_until__lt=today)
    if form.cleaned_data["minors"]:
        found = found.filter(is_minor=True)
    return found


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _team(request)
    form = RegisterFilterForm(request.GET or None)
    page = Paginator(filtered(form), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publishing/consents.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@login_required
def record(request: HttpRequest) -> HttpResponse:
    person = _team(request)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = consents.record_consent(
                by=person,
                subject_name=data["subject_name"],
                is_minor=data["is_minor"],
                given_by_name=data["given_by_name"],
                uses=data["uses"],
                valid_until=data["valid_until"],
                note=data["note"],
            )
        except consents.ConsentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Consent %(number)s of %(name)s is in the register.")
                % {"number": consent.pk, "name": consent.subject_name},
            )
            return redirect("publishing:consent", pk=consent.pk)
    return render(request, "publishing/consent_form.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent_for_team(request, pk)
    return render(
        request,
        "publishing/consent_detail.html",
        {
            "consent": consent,
            "usages": consents.where_used(consent),
            "uses": [(label, getattr(consent, value)) for value, label in Consent.Use.choices],
            "shown": consent.allows("website"),
            "today": timezone.localdate(),
        },
    )


@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _consent_for_team(request, pk)
    person = person_of(request)
    if consent.revoked_at is not None:
        messages.info(request, _("This consent is already revoked."))
        return redirect("publishing:consent", pk=consent.pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consents.revoke_consent(by=person, consent=consent, **form.cleaned_data)
        except consents.ConsentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Consent %(number)s is revoked: the site no longer shows what it covered. "
                    "The team gets a mail with the places it was used."
                )
                % {"number": consent.pk},
            )
            return redirect("publishing:consent", pk=consent.pk)
    return render(
        request,
        "publishing/consent_revoke.html",
        {"consent": consent, "form": form, "usages": consents.where_used(consent)},
    )
