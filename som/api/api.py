from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query

from som.accounts.models import Person
from som.api import errors
from som.api.auth import ApiCaller, caller
from som.api.errors import ApiError, answers
from som.api.schemas import (
    InvoiceOut,
    MemberRegisterOut,
    MemberRegisterQuery,
    OrganisationFull,
    OrganisationPublic,
)
from som.core.roles import is_team
from som.finance import documents
from som.finance import permissions as finance_permissions
from som.finance.payment_codes import formatted
from som.membership.selectors import voting_members_on
from som.network.selectors import public_organisations

api = NinjaAPI(
    title=f"{settings.SOM_NETWORK_NAME} API",
    version="1",
    urls_namespace="api-1",
    description=(
        f"The API of the {settings.SOM_NETWORK_NAME} platform. Public operations need no key; the others take "
        "the session of a logged-in browser or a personal API key: `Authorization: Bearer "
        "<key>`, made in Mijn SOM (API keys) with the scopes it needs (`read`, `register`, "
        "`vote`, `checkin`) and an expiry date. A key that is unknown, expired or revoked gets "
        "401 `invalid_token`; a key without the operation's scope gets 403 "
        "`insufficient_scope`. Every 4xx answer is `{detail, code}`; 422 adds `errors`."
    ),
    auth=ApiCaller(),
)
errors.install(api)


@api.get(
    "/organisations",
    response=answers({200: list[OrganisationFull] | list[OrganisationPublic]}),
    summary="List the organisations of the network",
)
def list_organisations(request: HttpRequest) -> list[dict[str, object]]:
    """Anonymous callers get the public fields; team members get everything."""
    person = caller(request)
    full = person is not None and person.is_staff
    rows = []
    for organisation in public_organisations().prefetch_related("email_domains"):
        row: dict[str, object] = {
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "network": organisation.network,
            "sector": organisation.sector,
            "levels": [level.code for level in organisation.levels.all()],
            "city": organisation.city,
            "website": organisation.website,
        }
        if full:
            row |= {
                "instellingsnummer": organisation.instellingsnummer,
                "enterprise_number": organisation.enterprise_number,
                "street": organisation.street,
                "postal_code": organisation.postal_code,
                "email_domains": [d.domain for d in organisation.email_domains.all()],
            }
        rows.append(row)
    return rows


def _require_caller(request: HttpRequest) -> Person:
    person = caller(request)
    if person is None:
        raise ApiError(401, _("Log in or send `Authorization: Bearer <key>`."))
    return person


@api.get(
    "/invoices/{number}",
    response=answers({200: InvoiceOut}, 404),
    summary="One invoice, with what is needed to pay it",
)
def get_invoice(request: HttpRequest, number: str) -> dict[str, object]:
    """For the team and the invoice's holder (the person, or a contact person of the
    organisation); anybody else gets 404, as for a number that does not exist."""
    invoice = finance_permissions.get_invoice_for_viewer(_require_caller(request), number)
    with translation.override(settings.LANGUAGE_CODE):
        pdf_path = reverse("finance:invoice_pdf", kwargs={"number": invoice.number})
    return {
        "number": invoice.number,
        "holder": invoice.holder_name,
        "amount": f"{invoice.amount:.2f}",
        "currency": invoice.currency,
        "status": invoice.status,
        "structured_reference": formatted(invoice.structured_reference),
        "epc_qr_payload": documents.epc_payload(invoice),
        "pdf_url": request.build_absolute_uri(pdf_path),
    }


@api.get(
    "/member-register",
    response=answers({200: MemberRegisterOut}),
    summary="The register of voting members on a day (ledenregister)",
)
def member_register(request: HttpRequest, filters: Query[MemberRegisterQuery]) -> dict[str, object]:
    """Team only. Each member as the register showed it on that day."""
    if not is_team(_require_caller(request)):
        raise ApiError(403, _("Only the SOM team can read the member register."))
    on = filters.date or timezone.localdate()
    members = []
    for line in voting_members_on(on):
        details = line.latest.details
        organisation = line.organisation
        members.append(
            {
                "name": details.get("name") or organisation.name,
                "instellingsnummer": details.get("instellingsnummer")
                or organisation.instellingsnummer
                or "",
                "enterprise_number": details.get("enterprise_number", ""),
                "seat": details.get("seat", ""),
                "representative": details.get("representative", ""),
                "admitted_on": line.admitted_on,
            }
        )
    return {"date": on, "members": members}


api.add_router("/", "som.api.events.router")  # events, registrations, check-in: som/api/events.py
api.add_router("/", "som.api.polls.router")  # polls, ballots, turnout, results: som/api/polls.py
api.add_router("/", "som.api.labs.router")  # labs and their published results: som/api/labs.py
api.add_router("/", "som.api.meetings.router")  # general assembly and board: som/api/meetings.py
