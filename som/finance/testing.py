"""Build small, valid CODA files: for tests, and for the demo's bank statement."""

from decimal import Decimal


def _record(fields: dict[int, str]) -> str:
    line = [" "] * 128
    for start, value in fields.items():
        line[start - 1 : start - 1 + len(value)] = value
    assert len(line) == 128, fields
    return "".join(line)


def _amount(value: Decimal) -> str:
    return f"{int(value * 1000):015d}"


def coda_file(
    credits: list[tuple[str, Decimal]],
    *,
    day: str = "150126",
    statement: str = "001",
    account: str = "BE71096123456769",
) -> bytes:
    """One statement with a credit per (communication, amount). A 12-digit communication is
    sent as a structured one (type 1, code 101); anything else as free text."""
    records = [
        _record({1: "00000", 6: day, 12: "00005", 28: "SOM LEUVEN VZW", 128: "2"}),
        _record(
            {
                1: "12" + statement,
                6: account,
                40: "EUR0" + _amount(Decimal(0)) + day,
                65: "SOM LEUVEN VZW",
                126: statement,
            }
        ),
    ]
    total = Decimal(0)
    for number, (communication, amount) in enumerate(credits, start=1):
        structured = communication.isdigit() and len(communication) == 12
        zone = ("1101" + communication) if structured else ("0" + communication[:53])
        records.append(
            _record(
                {
                    1: f"21{number:04d}0000REF{statement}{number:04d}{day}",
                    32: "0" + _amount(amount) + day + "00150000" + zone,
                    116: day + statement + "0 0",
                }
            )
        )
        total += amount
    records.append(
        _record({1: "8" + statement + account, 39: "EUR0" + _amount(total) + day, 128: "0"})
    )
    count = len(credits) + 2
    records.append(
        _record({1: "9", 17: f"{count:06d}" + _amount(Decimal(0)) + _amount(total), 128: "2"})
    )
    return ("\r\n".join(records) + "\r\n").encode("windows-1252")
