import datetime
import re

from ninja import Field, Schema
from pydantic import field_validator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


class ErrorOut(Schema):
    detail: str


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
