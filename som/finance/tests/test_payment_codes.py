from decimal import Decimal

import segno
import segno.helpers
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.be import ogm_vcs

from som.finance.payment_codes import (
    epc_qr_fields,
    epc_qr_payload,
    formatted,
    found_in,
    structured_reference,
)


def test_the_structured_reference_is_a_valid_ogm_with_mod_97_check_digits():
    reference = structured_reference(2026, 1)
    assert reference == "202600000192"
    assert ogm_vcs.is_valid(reference)
    assert formatted(reference) == "+++202/6000/00192+++"
    assert f"+++{ogm_vcs.format(reference)}+++" == formatted(reference)


def test_a_remainder_of_zero_gives_check_digits_97():
    sequence = next(s for s in range(1, 200) if int(f"2026{s:06d}") % 97 == 0)
    reference = structured_reference(2026, sequence)
    assert reference.endswith("97")
    assert ogm_vcs.is_valid(reference)


def test_every_invoice_number_gets_its_own_reference():
    references = {structured_reference(year, n) for year in (2026, 2027) for n in range(1, 3000)}
    assert len(references) == 2 * 2999


def test_the_epc_payload_is_what_segno_encodes_for_a_structured_reference():
    payload = epc_qr_payload(
        name="SOM Leuven vzw",
        iban="BE71 0961 2345 6769",
        bic="GKCCBEBB",
        amount=Decimal("100.00"),
        reference="202600000192",
    )
    expected = segno.helpers._make_epc_qr_data(  # type: ignore[attr-defined]
        "SOM Leuven vzw",
        "BE71096123456769",
        100,
        reference="202600000192",
        bic="GKCCBEBB",
        encoding="utf-8",
    )
    assert payload.encode("utf-8") == expected
    assert payload.splitlines()[:4] == ["BCD", "002", "1", "SCT"]
    assert payload.splitlines()[-1] == "202600000192"


# segno draws the QR code (som/finance/documents.py); the API shows our text. Both come from the
# same fields, and segno's text is private, so this is where the two are held together.
@given(
    name=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=90,
    ).filter(lambda name: name.strip()),
    cents=st.integers(min_value=1, max_value=99_999_999_999),
    year=st.integers(min_value=2026, max_value=2099),
    sequence=st.integers(min_value=1, max_value=999_999),
)
@example(name=" SOM Leuven vzw ", cents=10_000, year=2026, sequence=1)
@example(name="Vereniging " * 8, cents=1_250, year=2026, sequence=2)
@example(
    name="Scholengroep Sint-Jozef Kessel-Lo, Heverlee én Wijgmaal", cents=5, year=2027, sequence=3
)
def test_the_payload_the_api_shows_is_the_text_in_segnos_qr_code(name, cents, year, sequence):
    fields = {
        "name": name,
        "iban": "be71 0961 2345 6769",
        "bic": "GKCC BEBB",
        "amount": Decimal(cents) / 100,
        "reference": structured_reference(year, sequence),
    }
    payload = epc_qr_payload(**fields)
    segno_fields = epc_qr_fields(**fields)
    expected = segno.helpers._make_epc_qr_data(**segno_fields, encoding="utf-8")  # type: ignore[attr-defined]
    assert payload.encode("utf-8") == expected
    drawn = segno.helpers.make_epc_qr(**segno_fields, encoding="utf-8")
    assert drawn == segno.make_qr(payload.encode("utf-8"), error="m", boost_error=False)


def test_an_ogm_typed_in_the_free_communication_is_found():
    assert found_in("lidgeld +++202/6000/00192+++ De Linde") == "202600000192"
    assert found_in("202600000192") == "202600000192"
    assert found_in("factuur 2026-0001") is None
    assert found_in("202600000193") is None  # wrong check digits
