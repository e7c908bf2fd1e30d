"""The Belgian structured communication (OGM/VCS) and the EPC QR payload of a transfer."""

import re
from decimal import Decimal
from typing import TypedDict

from stdnum.be import ogm_vcs


def structured_reference(year: int, sequence: int) -> str:
    """12 digits: the year, the invoice's sequence in six digits, and the mod-97 check digits
    (97 when the remainder is 0). Unique per invoice because (year, sequence) is."""
    base = f"{year:04d}{sequence:06d}"
    return base + str(ogm_vcs.calc_check_digits(base))


def formatted(reference: str) -> str:
    """`+++202/6000/00150+++`, the form people type into their banking app."""
    return f"+++{reference[:3]}/{reference[3:7]}/{reference[7:]}+++"


_TYPED_OGM = re.compile(r"(?<!\d)(\d{3})\s*[/.\-]?\s*(\d{4})\s*[/.\-]?\s*(\d{5})(?!\d)")


def found_in(text: str) -> str | None:
    """The first valid OGM in a text, typed as `+++202/6000/00150+++`, `202/6000/00150` or 12
    digits (people put it in the free communication too), or None."""
    for match in _TYPED_OGM.finditer(text):
        digits = "".join(match.groups())
        if ogm_vcs.is_valid(digits):
            return digits
    return None


class EpcFields(TypedDict):
    name: str
    iban: str
    bic: str
    amount: Decimal
    reference: str


def epc_qr_fields(*, name: str, iban: str, bic: str, amount: Decimal, reference: str) -> EpcFields:
    """The transfer as segno's EPC helper takes it (`segno.helpers.make_epc_qr(**fields)`): IBAN
    and BIC without spaces, the name cut to the standard's 70 characters, the amount in cents and
    the OGM digits as the structured creditor reference, with no unstructured text."""
    return {
        "name": name.strip()[:70].strip(),
        "iban": iban.replace(" ", "").upper(),
        "bic": bic.replace(" ", "").upper(),
        "amount": amount.quantize(Decimal("0.01")),
        "reference": reference,
    }


def epc_qr_payload(*, name: str, iban: str, bic: str, amount: Decimal, reference: str) -> str:
    """The text segno encodes for these fields: EPC069-12 version 002, UTF-8, SCT, with the OGM
    as the structured creditor reference (line 10) and no line 11, as Belgian banking apps expect.

    segno draws the QR code itself (som/finance/documents.py) but has no public function for
    the text, which the API shows; a test checks that the two stay byte for byte the same
    (som/finance/tests/test_payment_codes.py)."""
    fields = epc_qr_fields(name=name, iban=iban, bic=bic, amount=amount, reference=reference)
    lines = [
        "BCD",
        "002",
        "1",  # UTF-8
        "SCT",
        fields["bic"],
        fields["name"],
        fields["iban"],
        f"EUR{fields['amount']:.2f}".rstrip("0").rstrip("."),
        "",
        fields["reference"],
    ]
    return "\n".join(lines)
