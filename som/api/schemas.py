from ninja import Schema


class OrganisationPublic(Schema):
    slug: str
    name: str
    kind: str
    network: str
    sector: str
    levels: list[str]
    city: str
    website: str


class OrganisationFull(OrganisationPublic):
    instellingsnummer: str | None
    enterprise_number: str
    street: str
    postal_code: str
    email_domains: list[str]
