import datetime
import re
from typing import Annotated

from ninja import Field, Path, Schema
from pydantic import field_validator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The largest id a table holds (BigAutoField): a larger number cannot name anything, and the
# database would refuse to compare with it.
MAX_ID = 2**63 - 1
# A path's object id: a positive number the database can hold (else 422, not a server error).
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]


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


class FieldErrorOut(Schema):
    loc: list[str] = Field(description='Where, e.g. `["body", "payload", "choices"]`.')
    msg: str


class ProblemOut(Schema):
    """Every 4xx answer of the API (som/api/errors.py)."""

    detail: str = Field(description="For people, in the caller's language.")
    code: str = Field(
        description="For programs, e.g. `invalid_token`, `insufficient_scope`, `not_found`, "
        "`invalid_request`, `already_voted`."
    )
    errors: list[FieldErrorOut] | None = Field(
        None, description="422 `invalid_request`: each part of the request that does not fit."
    )


class InvoiceOut(Schema):
    number: str
    holder: str
    amount: str = Field(description="The amount in euro with two decimals, e.g. `100.00`.")
    currency: str
    status: str = Field(description="`open`, `paid` or `cancelled`.")
    structured_reference: str = Field(
        description="The Belgian structured communication, e.g. `+++202/6000/00150+++`."
    )
    epc_qr_payload: str = Field(description="The exact text encoded in the invoice's EPC QR code.")
    pdf_url: str


class MemberRegisterQuery(Schema):
    date: datetime.date | None = Field(
        None, description="The day (YYYY-MM-DD) the register is asked for; today when left out."
    )

    @field_validator("date", mode="before")
    @classmethod
    def iso_date(cls, value: object) -> object:
        if value in (None, ""):
            return None
        try:
            if not _ISO_DATE.fullmatch(str(value)):
                raise ValueError
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(
                f"date must be a real day written as YYYY-MM-DD (e.g. 2026-09-01), not {value!r}"
            ) from None


class MemberRegisterLine(Schema):
    name: str
    instellingsnummer: str
    enterprise_number: str
    seat: str
    representative: str
    admitted_on: datetime.date


class MemberRegisterOut(Schema):
    date: datetime.date
    members: list[MemberRegisterLine]
