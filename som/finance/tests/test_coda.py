from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from stdnum.be import ogm_vcs

from conftest import shared_data_or_skip
from som.finance.coda import CodaError, Statement, parse


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def sample(name: str) -> bytes:
    return (shared_data_or_skip("coda") / name).read_bytes()


def modified(name: str, line: int, start: int, value: str, tmp_path: Path) -> bytes:
    """A copy of a sample, written to tmp_path, with `value` at 1-based `start` on `line`."""
    lines = sample(name).decode("windows-1252").split("\r\n")
    text = lines[line - 1]
    lines[line - 1] = text[: start - 1] + value + text[start - 1 + len(value) :]
    copy = tmp_path / name
    copy.write_bytes("\r\n".join(lines).encode("windows-1252"))
    return copy.read_bytes()


def record(fields: dict[int, str]) -> str:
    """A 128-character record with each value at its 1-based position."""
    line = [" "] * 128
    for start, value in fields.items():
        line[start - 1 : start - 1 + len(value)] = value
    assert len(line) == 128, fields
    return "".join(line)


def synthetic_file(*, ogm: str = "202600000192", new_balance: str = "000000000174500") -> bytes:
    """One statement of SOM's account: a member pays 100.00 with an OGM, the bank takes 25.50."""
    account = "BE68539007547034"
    records = [
        record({1: "00000", 6: "150126", 12: "00005", 28: "SOM LEUVEN VZW", 128: "2"}),
        record({1: "12001", 6: account, 40: "EUR0000000000100000140126SOM LEUVEN VZW", 126: "001"}),
        record(
            {
                1: "2100010000REF-CREDIT",
                32: "0000000000100000150126001500001101" + ogm,
                116: "15012600101 0",
            }
        ),
        record({1: "2300010000BE71096123456769", 48: "JANSSENS AN", 126: "0 0"}),
        record(
            {
                1: "2100020000REF-COSTS",
                32: "1000000000025500150126001370000BANK COSTS",
                116: "15012600100 0",
            }
        ),
        record({1: "8001" + account, 39: "EUR0" + new_balance + "150126", 128: "0"}),
        record({1: "9", 17: "000005000000000025500000000000100000", 128: "2"}),
    ]
    return "\r\n".join(records).encode("windows-1252") + b"\r\n"


@pytest.mark.parametrize(
    ("name", "movements_per_statement"),
    [
        ("Coda_v2_3_single_statement.txt", [32]),
        ("Coda_v2_3_multi_statements.txt", [32, 11]),
        ("Coda_v2_3_globalisation.txt", [5]),
        ("Coda_v2_3_globalisation_2.txt", [4]),
        ("Coda_foreign_account.txt", [2]),
        ("Coda_v2_3_faulty_globalisation.txt", [11]),
    ],
)
def test_every_valid_sample_parses(name, movements_per_statement):
    statements = parse(sample(name))
    assert [len(statement.movements) for statement in statements] == movements_per_statement


def test_the_first_movement_of_the_single_statement_is_read_as_in_the_file():
    (statement,) = parse(sample("Coda_v2_3_single_statement.txt"))
    assert statement.account == "BE86407051416150"
    assert statement.currency == "EUR"
    assert statement.account_holder == "STORA ENSO LANGERBRUGGE NV"
    assert statement.sequence_number == "042"
    assert statement.creation_date == date(2009, 3, 5)
    assert statement.old_balance_date == date(2009, 3, 4)
    assert statement.new_balance_date == date(2009, 3, 5)
    assert statement.old_balance == statement.new_balance == Decimal("0.00")
    movement = statement.movements[0]
    assert movement.line == 3
    assert movement.sequence == "00010000"
    assert movement.bank_reference == "SWJVZ0BN6 BKTBBNPOSKZ"
    assert movement.is_credit
    assert movement.amount == Decimal("20.00")
    assert movement.value_date == movement.entry_date == date(2009, 3, 5)
    assert movement.structured_reference is None  # structure 114 is a card payment, not an OGM
    assert movement.communication.endswith("LANGERBRUGGE GENT 2905172259460041")


def test_the_counterparty_and_the_continued_communication_come_from_the_2_2_and_2_3_records():
    (statement,) = parse(sample("Coda_v2_3_single_statement.txt"))
    movement = next(m for m in statement.movements if m.line == 25)
    assert movement.amount == Decimal("148.30")
    assert movement.communication == "ONG. SG 20-4203595 LOONVERLIES HAMERLYNCK TONY"
    assert movement.counterparty_name == "VIVIUM"
    assert movement.counterparty_account == "310180203454"


def test_debit_movements_are_not_credits():
    (statement,) = parse(sample("Coda_foreign_account.txt"))
    assert statement.account == "FR1234567890240924002304825"
    assert statement.old_balance == Decimal("443390.70")
    assert statement.new_balance == Decimal("443346.30")
    assert [(m.is_credit, m.amount) for m in statement.movements] == [
        (False, Decimal("37.00")),
        (False, Decimal("7.40")),
    ]
    assert statement.movements[0].communication == "TRANS : NMSC / INFO : ELYS PC ABONNEMENT"


def test_a_multi_statement_file_gives_each_statement_its_own_balances():
    first, second = parse(sample("Coda_v2_3_multi_statements.txt"))
    assert first.account == "BE86407051416150"
    assert (second.old_balance, second.new_balance) == (Decimal("19338.09"), Decimal("10807.81"))
    assert second.movements[0].line == 96


def signed_total(statement: Statement) -> Decimal:
    return sum(
        (m.amount if m.is_credit else -m.amount for m in statement.movements if not m.is_detail),
        Decimal(0),
    )


def test_a_globalised_movement_counts_once_and_its_details_are_marked():
    (statement,) = parse(sample("Coda_v2_3_globalisation.txt"))
    total, detail = statement.movements[2], statement.movements[3]
    assert (total.sequence, total.globalisation_code, total.is_detail) == ("00030000", 1, False)
    assert (detail.sequence, detail.is_detail) == ("00030002", True)
    assert total.amount == detail.amount == Decimal("50000.00")
    assert statement.old_balance == Decimal("-455.17")
    assert statement.old_balance + signed_total(statement) == statement.new_balance


def test_bank_globalisations_with_many_details_balance_without_the_details():
    (statement,) = parse(sample("Coda_v2_3_single_statement.txt"))
    details = [m for m in statement.movements if m.is_detail]
    assert len(details) == 15
    assert sum((m.amount for m in details if m.sequence.startswith("0017")), Decimal(0)) == (
        Decimal("2608.00")
    )
    assert statement.old_balance + signed_total(statement) == statement.new_balance


def test_the_faulty_globalisation_sample_is_a_consistent_file_and_is_accepted():
    """Its movement 0003 opens globalisation 1 and no details follow. The reference parser
    (ACSONE pycoda) accepts it as a normal movement; its counts and sums are right, and it is
    the second statement of the valid multi-statement sample, byte for byte."""
    (statement,) = parse(sample("Coda_v2_3_faulty_globalisation.txt"))
    second = parse(sample("Coda_v2_3_multi_statements.txt"))[1]
    assert [(m.sequence, m.amount) for m in statement.movements] == [
        (m.sequence, m.amount) for m in second.movements
    ]
    unclosed = statement.movements[2]
    assert (unclosed.globalisation_code, unclosed.is_credit, unclosed.amount) == (
        1,
        False,
        Decimal("5568.32"),
    )


def test_a_version_other_than_2_is_refused():
    with pytest.raises(CodaError) as error:
        parse(sample("Coda_faulty_version.txt"))
    assert (error.value.line, error.value.reason) == (1, "the version code must be 2, not '5'")
    assert str(error.value) == "line 1: the version code must be 2, not '5'"


def test_a_truncated_record_is_refused():
    """The second faulty globalisation sample is consistent except that its trailer record was
    cut to 57 characters."""
    with pytest.raises(CodaError) as error:
        parse(sample("Coda_v2_3_faulty_globalisation_2.txt"))
    assert error.value.line == 8
    assert error.value.reason == "a record must be 128 characters long, this one has 57"


def test_a_trailer_that_counts_other_records_is_accepted_with_a_warning():
    """Coda_v2_3_globalisation_2.txt (a valid sample) is the globalisation sample with the four
    records of a detail cut out and the trailer left at 23. Its sums and balance add up, so no
    money is missing: the file is accepted and the treasurer sees the warning."""
    (statement,) = parse(sample("Coda_v2_3_globalisation_2.txt"))
    assert statement.warnings == ("line 21: the trailer counts 23 records, the statement has 19",)
    assert statement.old_balance + signed_total(statement) == statement.new_balance


def test_a_trailer_with_a_wrong_sum_is_refused(tmp_path):
    data = modified("Coda_v2_3_single_statement.txt", 93, 38, "000000064703020", tmp_path)
    with pytest.raises(CodaError) as error:
        parse(data)
    assert error.value.line == 93
    assert error.value.reason == (
        "the trailer gives 64703.02 as the sum of the credits, the movements add up to 64703.01"
    )


def test_a_new_balance_that_does_not_follow_from_the_movements_is_refused(tmp_path):
    data = modified("Coda_v2_3_multi_statements.txt", 136, 43, "000000010807820", tmp_path)
    with pytest.raises(CodaError) as error:
        parse(data)
    assert error.value.line == 136
    assert error.value.reason == (
        "the new balance 10807.82 is not the old balance 19338.09 plus the movements -8530.28"
    )


def test_a_2_2_record_must_follow_its_2_1(tmp_path):
    data = modified("Coda_v2_3_single_statement.txt", 4, 3, "0002", tmp_path)
    with pytest.raises(CodaError) as error:
        parse(data)
    assert error.value.line == 4
    assert "2.2 must follow its record 2.1 with sequence 00020000" in error.value.reason


def test_an_invalid_date_is_refused_with_its_line(tmp_path):
    data = modified("Coda_foreign_account.txt", 6, 48, "310218", tmp_path)
    with pytest.raises(CodaError) as error:
        parse(data)
    assert (error.value.line, error.value.reason) == (6, "the value date is not a date: '310218'")


def test_an_unknown_record_type_is_refused(tmp_path):
    data = modified("Coda_foreign_account.txt", 5, 1, "5", tmp_path)
    with pytest.raises(CodaError) as error:
        parse(data)
    assert (error.value.line, error.value.reason) == (5, "unknown record type '5'")


def test_a_file_without_its_trailer_is_refused():
    data = b"\r\n".join(sample("Coda_foreign_account.txt").split(b"\r\n")[:9])
    with pytest.raises(CodaError) as error:
        parse(data)
    assert (error.value.line, error.value.reason) == (
        9,
        "the file ends before the trailer record 9",
    )


def test_lines_ending_in_lf_and_trailing_empty_lines_are_accepted():
    data = sample("Coda_foreign_account.txt").replace(b"\r\n", b"\n") + b"\n\n"
    (statement,) = parse(data)
    assert len(statement.movements) == 2


def test_a_credit_with_an_ogm_gives_its_structured_reference():
    assert ogm_vcs.is_valid("202600000192")
    (statement,) = parse(synthetic_file())
    credit, debit = statement.movements
    assert credit.is_credit
    assert credit.amount == Decimal("100.00")
    assert credit.structured_reference == "202600000192"
    assert credit.communication == ""
    assert credit.counterparty_name == "JANSSENS AN"
    assert credit.counterparty_account == "BE71096123456769"
    assert credit.value_date == date(2026, 1, 15)
    assert not debit.is_credit
    assert debit.amount == Decimal("25.50")
    assert debit.communication == "BANK COSTS"
    assert statement.new_balance == Decimal("174.50")


def test_an_ogm_with_wrong_check_digits_stays_communication_text():
    assert not ogm_vcs.is_valid("202600000150")
    (statement,) = parse(synthetic_file(ogm="202600000150"))
    credit = statement.movements[0]
    assert credit.structured_reference is None
    assert credit.communication == "202600000150"


def test_an_amount_with_a_third_decimal_is_refused():
    with pytest.raises(CodaError) as error:
        parse(synthetic_file(new_balance="000000000174501"))
    assert error.value.line == 6
    assert error.value.reason == "the amount 174.501 has more than two decimals"
