"""Who is in the network: the public directory (list and an organisation's page), the contact
person's choices for their organisation, and a staff member's own place on its page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from som.accounts.requests import person_of
from som.core.page_cache import cache_for_anonymous
from som.network import permissions as network_permissions
from som.network.models import Organisation
from som.publishing import directory as network_directory
from som.publishing.forms.directory import (
    DirectoryFilterForm,
    ListingForm,
    PartnerForm,
    ProfileForm,
)


@cache_for_anonymous
def directory(request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilterForm(request.GET).filters()
    page = network_directory.directory_page(filters)
    # A fresh form with the valid filters and the options' counts: never the raw input.
    form = DirectoryFilterForm(
        initial={
            "q": filters.query,
            "level": filters.level,
            "network": filters.network,
            "city": filters.city,
            "kind": filters.kind,
        },
        facets=page["facets"],
    )
    context = {**page, "form": form, "filters": filters}
    return render(request, "publishing/directory.html", context)


@cache_for_anonymous
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    found = network_directory.listed_organisation(slug)
    if found is None:
        raise Http404
    profile = network_directory.profile_of(found)
    context: dict[str, Any] = {
        "organisation": found,
        "profile": profile,
        "is_member": found.is_member,  # type: ignore[attr-defined]
        "levels": list(found.levels.all()) if profile.show_levels else [],
        "network_label": network_directory.network_label(found) if profile.show_network else "",
        "map_url": network_directory.openstreetmap_link(found)
        if profile.show_address and found.street
        else "",
        "people": list(network_directory.listed_people(found)),
        "labs": list(network_directory.labs_of(found)),
        "portraits": list(network_directory.portraits_of(found)[:12]),
        "share_title": found.name,
        "share_description": profile.description[:200] or found.get_kind_display(),
    }
    if request.user.is_authenticated:  # personal links: never in a page cached for anonymous
        person = person_of(request)
        context["can_edit"] = network_permissions.can_manage_organisation(person, found)
        context["may_list_self"] = network_directory.may_list_self(person, found)
    return render(request, "publishing/organisation.html", context)


@login_required
def edit_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """The contact person's choices (and the team's); 404 for everybody else."""
    person = person_of(request)
    found = network_permissions.get_organisation_for_contact(person, slug)
    profile = network_directory.profile_of(found)
    action = request.POST.get("action", "profile") if request.method == "POST" else ""
    if action not in ("", "profile", "partner", "listing") or (
        action == "partner" and not person.is_staff  # only the team has that form
    ):
        raise Http404
    initial = {name: getattr(profile, name) for name in network_directory.PROFILE_FIELDS}
    form = ProfileForm(request.POST if action == "profile" else None, initial=initial)
    partner_form = PartnerForm(
        request.POST if action == "partner" else None, initial={"is_partner": profile.is_partner}
    )
    listing_form = _listing_form(request, person, found, bound=action == "listing")
    if action == "profile" and form.is_valid():
        saved = _save_profile(request, person, found, form)
    elif action == "partner" and partner_form.is_valid():
        saved = _save_partner(request, person, found, partner_form)
    elif action == "listing" and listing_form is not None and listing_form.is_valid():
        saved = _save_listing(request, person, found, listing_form)
    else:
        saved = False
    if saved:
        return redirect("publishing:edit_profile", slug=found.slug)
    context = {
        "organisation": found,
        "profile": profile,
        "form": form,
        "partner_form": partner_form if person.is_staff else None,
        "listing_form": listing_form,
        "is_listed_now": network_directory.listed_organisation(found.slug) is not None,
    }
    return render(request, "publishing/organisation_profile_form.html", context)


def _save_profile(
    request: HttpRequest, person: Any, organisation: Organisation, form: ProfileForm
) -> bool:
    try:
        network_directory.update_profile(organisation=organisation, by=person, **form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    except network_directory.DirectoryError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("Your choices for the directory are saved."))
    return True


def _save_partner(
    request: HttpRequest, person: Any, organisation: Organisation, form: PartnerForm
) -> bool:
    try:
        network_directory.set_partner(
            organisation=organisation, is_partner=form.cleaned_data["is_partner"], by=person
        )
    except network_directory.DirectoryError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
def my_listing(request: HttpRequest, slug: str) -> HttpResponse:
    """A staff member's own choice to appear on their organisation's page; 404 for others."""
    person = person_of(request)
    found = get_object_or_404(Organisation, slug=slug)
    if not network_directory.may_list_self(person, found):
        raise Http404
    form = _listing_form(request, person, found, bound=request.method == "POST")
    assert form is not None
    if request.method == "POST" and form.is_valid() and _save_listing(request, person, found, form):
        return redirect("publishing:my_listing", slug=found.slug)
    context = {
        "organisation": found,
        "form": form,
        "is_listed_now": network_directory.listed_organisation(found.slug) is not None,
    }
    return render(request, "publishing/organisation_listing_form.html", context)


def _listing_form(
    request: HttpRequest, person: Any, organisation: Organisation, *, bound: bool
) -> ListingForm | None:
    """The person's own listing form, or None when they do not work there (the team)."""
    if not network_directory.may_list_self(person, organisation):
        return None
    listing = network_directory.own_listing(person, organisation)
    initial = {
        "listed": listing is not None,
        "shown_role": listing.shown_role
        if listing
        else network_directory.suggested_role(person, organisation),
    }
    return ListingForm(request.POST if bound else None, initial=initial)


def _save_listing(
    request: HttpRequest, person: Any, organisation: Organisation, form: ListingForm
) -> bool:
    try:
        listing = network_directory.set_own_listing(
            person=person,
            organisation=organisation,
            listed=form.cleaned_data["listed"],
            shown_role=form.cleaned_data["shown_role"],
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    except network_directory.DirectoryError as error:
        form.add_error(None, error.message)
        return False
    if listing is None:
        messages.success(
            request,
            _("You no longer appear on the page of %(name)s.") % {"name": organisation.name},
        )
    else:
        messages.success(
            request, _("You appear on the page of %(name)s.") % {"name": organisation.name}
        )
    return True
