from django.http import HttpRequest
from ninja import NinjaAPI

from som.api.auth import caller
from som.api.schemas import OrganisationFull, OrganisationPublic
from som.network.selectors import public_organisations

api = NinjaAPI(
    title="SOM Leuven API",
    version="1",
    urls_namespace="api-1",
    description=(
        "The API of the SOM Leuven platform. Authenticate with a personal token: "
        "`Authorization: Bearer <token>` (`python manage.py create_api_token EMAIL`)."
    ),
)


@api.get(
    "/organisations",
    response=list[OrganisationFull] | list[OrganisationPublic],
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
