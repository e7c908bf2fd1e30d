"""The only gate to membership objects: return the object or answer 404, for "missing" and
"not yours" alike. Team pages answer 404 to everybody else too: they do not exist for them."""

from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.core.roles import require_team_page
from som.membership import selectors
from som.membership.models import Application, Membership, RegisterEntry


def get_membership_for_holder(person: Person, pk: int) -> Membership:
    """A membership of the person, or of an organisation they are contact of today."""
    return get_object_or_404(selectors.memberships_of_person(person), pk=pk)


def get_application_for_applicant(person: Person, pk: int) -> Application:
    """A pending application the person made themselves (only they may withdraw it)."""
    return get_object_or_404(
        Application.objects.select_related("organisation", "year"),
        pk=pk,
        applicant=person,
        status=Application.Status.PENDING,
    )


def get_application_for_team(person: Person, pk: int) -> Application:
    require_team_page(person)
    return get_object_or_404(
        Application.objects.select_related(
            "membership_type", "tariff", "year", "organisation", "applicant"
        ),
        pk=pk,
    )


def get_register_entry_for_team(person: Person, number: int) -> RegisterEntry:
    require_team_page(person)
    return get_object_or_404(selectors.register_entries(), number=number)
