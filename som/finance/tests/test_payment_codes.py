from decimal import Decimal

import segno.helpers
from stdnum.be import ogm_vcs

from som.finance.payment_codes import epc_qr_payload, formatted, found_in, structured_reference


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


def test_an_ogm_typed_in_the_free_communication_is_found():
    assert found_in("lidgeld +++202/6000/00192+++ De Linde") == "202600000192"
    assert found_in("202600000192") == "202600000192"
    assert found_in("factuur 2026-0001") is None
    assert found_in("202600000193") is None  # wrong check digits
