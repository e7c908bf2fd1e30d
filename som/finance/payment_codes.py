"""The Belgian structured communication (OGM/VCS) and the EPC QR payload of a transfer."""

import re
from decimal import Decimal

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


def epc_qr_payload(*, name: str, iban: str, bic: str, amount: Decimal, reference: str) -> str:
    """EPC069-12 version 002, SCT, with the OGM digits as the structured creditor reference
    (line 10) and no unstructured text (line 11), as Belgian banking apps expect."""
    lines = [
        "BCD",
        "002",
        "1",  # UTF-8
        "SCT",
        bic.replace(" ", ""),
        name[:70],
        iban.replace(" ", "").upper(),
        f"EUR{amount.quantize(Decimal('0.01')).normalize():f}",
        "",
        reference,
    ]
    return "\n".join(lines)
