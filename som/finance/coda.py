"""Parser for Belgian CODA bank statements (Febelfin "Coded statement of account", version 2).

A file holds one or more statements, each `0 1 (2|3)* 8 4* 9`. Every record is 128 characters;
positions in the comments are 1-based as in the Febelfin specification. The parser checks the
file against itself (trailer counts and sums, old balance + movements = new balance) and raises
CodaError for the first problem, so a damaged file books nothing.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from stdnum.be import ogm_vcs

RECORD_LENGTH = 128
_CENT = Decimal("0.01")
_OGM_STRUCTURES = ("101", "102")  # 101 = OGM, 102 = OGM reconstituted by the bank


@dataclass(frozen=True)
class Movement:
    """One 2.1 record with its 2.2 and 2.3 continuations. The amount is positive; is_credit
    says money came in. A globalised movement appears as its total (detail number 0000) and
    then its details: book the total or the details, never both (see is_detail)."""

    line: int
    sequence: str
    bank_reference: str
    is_credit: bool
    amount: Decimal
    value_date: date
    entry_date: date
    structured_reference: str | None
    communication: str
    counterparty_name: str
    counterparty_account: str
    globalisation_code: int

    @property
    def is_detail(self) -> bool:
        """A detail of a globalised movement: its amount is already in the total (detail 0000),
        so only movements that are not details add up to the balance."""
        return self.sequence[4:] != "0000"


@dataclass(frozen=True)
class Statement:
    account: str
    currency: str
    account_holder: str
    old_balance: Decimal
    new_balance: Decimal
    old_balance_date: date
    new_balance_date: date
    sequence_number: str
    creation_date: date
    movements: list[Movement]
    # What is odd but does not touch the money, e.g. a record count that differs from the
    # trailer's while every sum and the balance add up (shown to the treasurer, not refused).
    warnings: tuple[str, ...] = ()


class CodaError(ValueError):
    """The first problem in a file, with the line it is on; str() is translated."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(_("line %(line)d: %(reason)s") % {"line": line, "reason": reason})


@dataclass(frozen=True)
class _Record:
    number: int
    text: str

    def at(self, start: int, end: int) -> str:
        """Positions start..end, 1-based and inclusive, as the specification numbers them."""
        return self.text[start - 1 : end]

    def error(self, reason: str) -> CodaError:
        return CodaError(self.number, reason)

    def digits(self, start: int, end: int, what: str) -> str:
        value = self.at(start, end)
        if not (value.isascii() and value.isdigit()):
            raise self.error(_("the %(field)s is not numeric: %(value)r") % _field(what, value))
        return value

    def date(self, start: int, end: int, what: str) -> date:
        value = self.digits(start, end, what)
        try:
            # A bank's calendar date: no time, so no time zone to get wrong.
            return datetime.strptime(value, "%d%m%y").date()  # noqa: DTZ007
        except ValueError:
            raise self.error(
                _("the %(field)s is not a date: %(value)r") % _field(what, value)
            ) from None

    def signed_amount(self, sign_at: int, start: int, what: str) -> Decimal:
        """15 digits with 3 implied decimals, preceded by a sign: 0 = credit, 1 = debit."""
        sign = self.at(sign_at, sign_at)
        if sign not in ("0", "1"):
            raise self.error(_("the sign of the %(field)s must be 0 or 1") % {"field": what})
        amount = Decimal(int(self.digits(start, start + 14, what))).scaleb(-3)
        return -amount if sign == "1" else amount


def _field(what: str, value: str) -> dict[str, str]:
    return {"field": what, "value": value}


def _euros(value: Decimal) -> str:
    """An amount for a message: two decimals, three only when the third is not zero.

    A bank-file format, not som.core.money.euros: these messages quote the file's own amounts,
    which have three decimals, and rounding them to the cent would hide the very difference
    (a sum off by 0.001) the message is about."""
    return f"{value:.2f}" if value == value.quantize(_CENT) else f"{value:.3f}"


def _cents(value: Decimal, record: _Record) -> Decimal:
    """The file has three decimals; euros have two. Refuse rather than round money."""
    cents = value.quantize(_CENT)
    if cents != value:
        raise record.error(
            _("the amount %(amount)s has more than two decimals") % {"amount": value}
        )
    return cents


def _clean(text: str) -> str:
    """The communication zones are fixed-width: collapse their padding into single spaces."""
    return " ".join(text.split())


@dataclass
class _Draft:
    """A movement while its 2.1, 2.2 and 2.3 parts are read."""

    record: _Record
    sequence: str
    amount: Decimal  # signed, three decimals
    value_date: date
    entry_date: date
    communication_type: str
    zone: str
    globalisation_code: int
    counterparty_name: str = ""
    counterparty_account: str = ""
    last_part: str = "1"

    def movement(self) -> Movement:
        reference, communication = _communication(self.communication_type, self.zone)
        return Movement(
            line=self.record.number,
            sequence=self.sequence,
            bank_reference=self.record.at(11, 31).strip(),
            is_credit=self.amount >= 0,
            amount=abs(self.amount),
            value_date=self.value_date,
            entry_date=self.entry_date,
            structured_reference=reference,
            communication=communication,
            counterparty_name=self.counterparty_name,
            counterparty_account=self.counterparty_account,
            globalisation_code=self.globalisation_code,
        )


def _communication(communication_type: str, zone: str) -> tuple[str | None, str]:
    """Type 1 is structured: a 3-digit structure code, then the communication. An invalid OGM
    is the bank's or the payer's mistake, not a broken file: it stays readable as text."""
    if communication_type != "1":
        return None, _clean(zone)
    digits = zone[3:15]
    if zone[:3] in _OGM_STRUCTURES and digits.isdigit() and ogm_vcs.is_valid(digits):
        return digits, _clean(zone[15:])
    return None, _clean(zone[3:])


@dataclass
class _StatementReader:
    """Reads the records of one statement, from its header 0 up to its trailer 9."""

    header: _Record
    opening: _Record | None = None
    closing: _Record | None = None
    drafts: list[_Draft] = field(default_factory=list)
    counted: int = 0  # records 1, 2.x, 3.x and 8, as the trailer counts them
    previous: str = "0"

    def read(self, record: _Record) -> None:
        kind = record.at(1, 1)
        if kind == "1":
            self._old_balance(record)
        elif self.opening is None:
            raise record.error(_("the old balance record 1 must follow the header record 0"))
        elif kind == "4":
            pass  # free communication from the bank to the account holder
        elif self.closing is not None:
            raise record.error(_("only records 4 and 9 may follow the new balance record 8"))
        elif kind == "2":
            self._movement(record)
        elif kind == "3":
            self._information(record)
        elif kind == "8":
            self._new_balance(record)
        self.counted += kind in "1238"
        self.previous = record.at(1, 2) if kind in "23" else kind

    def _old_balance(self, record: _Record) -> None:
        if self.opening is not None or self.previous != "0":
            raise record.error(_("the old balance record 1 must follow the header record 0"))
        if record.at(2, 2) not in "0123":
            raise record.error(_("the account structure must be 0, 1, 2 or 3"))
        _cents(record.signed_amount(43, 44, _("old balance")), record)
        record.date(59, 64, _("old balance date"))
        self.opening = record

    def _movement(self, record: _Record) -> None:
        part = record.at(2, 2)
        sequence = record.digits(3, 10, _("movement sequence number"))
        if part == "1":
            self.drafts.append(_read_movement(record, sequence))
            return
        draft = self.drafts[-1] if self.drafts else None
        if (
            part not in ("2", "3")
            or draft is None
            or self.previous not in ("21", "22")
            or draft.sequence != sequence
            or draft.last_part >= part
        ):
            raise record.error(
                _("a movement record 2.%(part)s must follow its record 2.1 with sequence %(seq)s")
                % {"part": part, "seq": sequence}
            )
        if part == "2":
            draft.zone += record.at(11, 63)
        else:
            account = record.at(11, 44).split()
            draft.counterparty_account = account[0] if account else ""
            draft.counterparty_name = record.at(48, 82).strip()
            draft.zone += record.at(83, 125)
        draft.last_part = part

    def _information(self, record: _Record) -> None:
        sequence = record.at(3, 6)
        if (
            record.at(2, 2) not in "123"
            or not self.drafts
            or self.drafts[-1].sequence[:4] != sequence
        ):
            raise record.error(
                _("an information record 3 must follow the movement with sequence %(seq)s")
                % {"seq": sequence}
            )

    def _new_balance(self, record: _Record) -> None:
        assert self.opening is not None
        old = self.opening.signed_amount(43, 44, _("old balance"))
        new = _cents(record.signed_amount(42, 43, _("new balance")), record)
        record.date(58, 63, _("new balance date"))
        moved = sum((draft.amount for draft in self._totals()), Decimal(0))
        if old + moved != new:
            raise record.error(
                _(
                    "the new balance %(new)s is not the old balance %(old)s plus the movements %(moved)s"
                )
                % {"new": _euros(new), "old": _euros(old), "moved": _euros(moved)}
            )
        self.closing = record

    def _totals(self) -> list[_Draft]:
        """The movements that count: a globalised movement's details (detail number other than
        0000) repeat amounts that are already in its total."""
        return [draft for draft in self.drafts if draft.sequence[4:] == "0000"]

    def finish(self, trailer: _Record) -> Statement:
        if self.opening is None or self.closing is None:
            raise trailer.error(_("the trailer record 9 comes before the new balance record 8"))
        warnings = self._check_trailer(trailer)
        return _statement(self.header, self.opening, self.closing, self.drafts, warnings)

    def _check_trailer(self, trailer: _Record) -> tuple[str, ...]:
        """Refuse sums that do not add up; only warn about a record count that differs, since
        the sums and the balance (checked at record 8) prove that no money is missing."""
        warnings: tuple[str, ...] = ()
        count = int(trailer.digits(17, 22, _("number of records")))
        if count != self.counted:
            warnings = (
                str(
                    trailer.error(
                        _("the trailer counts %(expected)d records, the statement has %(found)d")
                        % {"expected": count, "found": self.counted}
                    )
                ),
            )
        totals = self._totals()
        sums = [
            (_("debits"), 23, sum((-d.amount for d in totals if d.amount < 0), Decimal(0))),
            (_("credits"), 38, sum((d.amount for d in totals if d.amount >= 0), Decimal(0))),
        ]
        for what, start, found in sums:
            expected = Decimal(int(trailer.digits(start, start + 14, what))).scaleb(-3)
            if expected != found:
                raise trailer.error(
                    _(
                        "the trailer gives %(expected)s as the sum of the %(what)s, the movements add up to %(found)s"
                    )
                    % {"expected": _euros(expected), "what": what, "found": _euros(found)}
                )
        return warnings


def _read_movement(record: _Record, sequence: str) -> _Draft:
    entry_date = record.date(116, 121, _("entry date"))
    # 000000 means the bank does not know the value date; the entry date is the best stand-in.
    unknown_value_date = record.at(48, 53) == "000000"
    amount = record.signed_amount(32, 33, _("movement amount"))
    return _Draft(
        record=record,
        sequence=sequence,
        amount=_cents(amount, record),
        value_date=entry_date if unknown_value_date else record.date(48, 53, _("value date")),
        entry_date=entry_date,
        communication_type=record.at(62, 62),
        zone=record.at(63, 115),
        globalisation_code=int(record.digits(125, 125, _("globalisation code"))),
    )


def _statement(
    header: _Record,
    opening: _Record,
    closing: _Record,
    drafts: list[_Draft],
    warnings: tuple[str, ...] = (),
) -> Statement:
    structure = opening.at(2, 2)
    if structure == "0":  # Belgian BBAN: 12 digits, currency at 19-21
        account, currency = opening.at(6, 17), opening.at(19, 21)
    else:  # foreign BBAN, Belgian IBAN or foreign IBAN: up to 34 characters, currency at 40-42
        account, currency = opening.at(6, 39), opening.at(40, 42)
    return Statement(
        account=account.strip(),
        currency=currency.strip(),
        account_holder=opening.at(65, 90).strip(),
        old_balance=_cents(opening.signed_amount(43, 44, _("old balance")), opening),
        new_balance=_cents(closing.signed_amount(42, 43, _("new balance")), closing),
        old_balance_date=opening.date(59, 64, _("old balance date")),
        new_balance_date=closing.date(58, 63, _("new balance date")),
        sequence_number=opening.at(3, 5),
        creation_date=header.date(6, 11, _("creation date")),
        movements=[draft.movement() for draft in drafts],
        warnings=warnings,
    )


def _records(data: bytes) -> list[_Record]:
    try:
        text = data.decode("windows-1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Split on LF only: str.splitlines() would also split on characters latin-1 can hold.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    records = [_Record(number, line) for number, line in enumerate(lines, start=1)]
    for record in records:
        if len(record.text) != RECORD_LENGTH:
            raise record.error(
                _("a record must be %(expected)d characters long, this one has %(found)d")
                % {"expected": RECORD_LENGTH, "found": len(record.text)}
            )
    return records


def _read_header(record: _Record) -> _StatementReader:
    if record.at(1, 1) != "0":
        raise record.error(_("a statement must start with a header record 0"))
    if record.at(128, 128) != "2":
        raise record.error(
            _("the version code must be 2, not %(version)r") % {"version": record.at(128, 128)}
        )
    record.date(6, 11, _("creation date"))
    return _StatementReader(header=record)


def parse(data: bytes) -> list[Statement]:
    """One file may hold several statements (each 0 ... 9). Raise CodaError for the first problem."""
    records = _records(data)
    if not records:
        raise CodaError(1, _("the file is empty"))
    statements: list[Statement] = []
    reader: _StatementReader | None = None
    for record in records:
        kind = record.at(1, 1)
        if kind not in "0123489":
            raise record.error(_("unknown record type %(kind)r") % {"kind": kind})
        if reader is None:
            reader = _read_header(record)
        elif kind == "0":
            raise record.error(_("a header record 0 comes before the trailer record 9"))
        elif kind == "9":
            statements.append(reader.finish(record))
            reader = None
        else:
            reader.read(record)
    if reader is not None:
        raise CodaError(records[-1].number, _("the file ends before the trailer record 9"))
    return statements
