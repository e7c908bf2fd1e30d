"""Import organisations from a CSV file: the charter list (`name,level_hint`) or a richer list
with any of the columns of `OrganisationData`. Every row goes through the organisation services,
so the same rules and the same audit entries apply as on the site."""

import csv
import dataclasses
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from som.accounts.models import Person
from som.core.errors import DomainError
from som.network import services
from som.network.models import EducationLevel, Organisation
from som.network.services import OrganisationData
from som.network.validators import clean_instellingsnummer

Level = EducationLevel.Code
Kind = Organisation.Kind

COLUMNS = {f.name for f in dataclasses.fields(OrganisationData)} | {"level_hint"}
TEXT_COLUMNS = ["name", "instellingsnummer", "enterprise_number", "street", "postal_code", "city"]
TEXT_COLUMNS += ["website"]
ALIASES = {"level": "levels", "institution_number": "instellingsnummer", "domains": "email_domains"}

# What people write in a "level" cell, mapped to education levels and, for a new organisation,
# the kind it suggests. The codes themselves are accepted too.
LEVEL_HINTS: dict[str, tuple[list[str], str | None]] = {
    "kleuter": ([Level.KLEUTER], None),
    "kleuteronderwijs": ([Level.KLEUTER], None),
    "lager": ([Level.LAGER], None),
    "lager onderwijs": ([Level.LAGER], None),
    "basis": ([Level.KLEUTER, Level.LAGER], None),
    "basisonderwijs": ([Level.KLEUTER, Level.LAGER], None),
    "secundair": ([Level.SECUNDAIR], None),
    "secundair onderwijs": ([Level.SECUNDAIR], None),
    "buitengewoon basis": ([Level.BUITENGEWOON_BASIS], None),
    "buitengewoon basisonderwijs": ([Level.BUITENGEWOON_BASIS], None),
    "buitengewoon secundair": ([Level.BUITENGEWOON_SECUNDAIR], None),
    "buitengewoon secundair onderwijs": ([Level.BUITENGEWOON_SECUNDAIR], None),
    "hoger": ([Level.HOGER], Kind.HIGHER_EDUCATION),
    "hoger onderwijs": ([Level.HOGER], Kind.HIGHER_EDUCATION),
    "volwassenen": ([Level.VOLWASSENEN], Kind.ADULT_EDUCATION),
    "volwassenenonderwijs": ([Level.VOLWASSENEN], Kind.ADULT_EDUCATION),
    "dko": ([Level.DKO], None),
    "clb": ([], Kind.CLB),
}
LEVEL_HINTS.update({code: ([code], None) for code in Level.values if code not in LEVEL_HINTS})

_LIST_SEPARATORS = re.compile(r"\s*[|;]\s*")
_DOMAIN_SEPARATORS = re.compile(r"[\s,;|]+")


class ImportFileError(DomainError):
    """The file as a whole cannot be read; no row was looked at."""


@dataclass(frozen=True)
class SkippedRow:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = True  # False after --dry-run, or when --strict found a bad row

    def summary(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(skipped)d skipped."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


class _RowError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _RollBack(Exception):
    pass


# --- Reading --------------------------------------------------------------------------------------


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs from a UTF-8 file (with or without BOM), "," or ";" separated."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text."), "not_utf8") from None
    except FileNotFoundError:
        raise
    except OSError as error:  # a folder, no permission
        raise ImportFileError(
            _("The file %(path)s cannot be read: %(reason)s.")
            % {"path": path, "reason": error.strerror or error},
            "unreadable",
        ) from None
    return parse_csv(text)


def parse_csv(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """All rows are read before any is imported: a file that cannot be read is refused as a
    whole (ImportFileError), never imported in part."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        # A spreadsheet's binary format or a damaged file; PostgreSQL cannot store the character.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFileError(
            _(
                "The file holds a NUL character on line %(line)d: it is not a CSV text file. "
                "Save it again as CSV (UTF-8)."
            )
            % {"line": line},
            "nul_character",
        )
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        columns = [_column_name(name) for name in next(reader, [])]
        if "name" not in columns:
            raise ImportFileError(_("The file has no “name” column."), "no_name_column")
        return iter(list(_rows(reader, columns)))
    except csv.Error as error:
        raise ImportFileError(
            _("The file cannot be read as CSV on line %(line)d: %(reason)s.")
            % {"line": reader.line_num, "reason": error},
            "not_csv",
        ) from None


def _rows(reader: Any, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num  # where the row ends, so a quoted multi-line cell counts right
        yield line, {name: cell.strip() for name, cell in zip(columns, cells, strict=False)}


def _column_name(name: str) -> str:
    key = re.sub(r"[\s-]+", "_", name.strip().lower())
    return ALIASES.get(key, key)


# --- Importing ------------------------------------------------------------------------------------


def import_organisations(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    by: Person | None = None,
    strict: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Create or update one organisation per row. A bad row is skipped with its reason; with
    `strict`, one bad row means nothing is written. `dry_run` reports and writes nothing."""
    report = ImportReport()
    seen: dict[str, int] = {}
    try:
        with transaction.atomic():
            for line, row in rows:
                _import_row(line, row, by=by, seen=seen, report=report)
            if dry_run or (strict and report.skipped):
                raise _RollBack
    except _RollBack:
        report.written = False
    return report


def _import_row(
    line: int, row: dict[str, str], *, by: Person | None, seen: dict[str, int], report: ImportReport
) -> None:
    for name in row:
        if name not in COLUMNS and name not in report.ignored_columns:
            report.ignored_columns.append(name)
    try:
        _check_duplicate(line, row, seen)
        existing = _match(row)
        data, suggested_kind = _data_for(row, existing)
        if existing is None and suggested_kind and not row.get("kind"):
            data.kind = suggested_kind
        outcome = _write(data, existing, by=by)
    except _RowError as error:
        report.skipped.append(SkippedRow(line, error.reason))
        return
    setattr(report, outcome, getattr(report, outcome) + 1)


def _check_duplicate(line: int, row: dict[str, str], seen: dict[str, int]) -> None:
    name = row.get("name", "")
    if not name:
        raise _RowError(_("the name is empty"))
    keys = [f"name:{name.casefold()}"]
    if row.get("instellingsnummer"):
        keys.append(f"number:{_instellingsnummer(row['instellingsnummer'])}")
    for key in keys:
        if key in seen:
            raise _RowError(_("a duplicate of line %(line)d") % {"line": seen[key]})
    for key in keys:
        seen[key] = line


def _instellingsnummer(value: str) -> str:
    try:
        return clean_instellingsnummer(value)
    except ValidationError:
        raise _RowError(
            _("institution number %(number)s is not 5 or 6 digits") % {"number": value}
        ) from None


def _match(row: dict[str, str]) -> Organisation | None:
    """By institution number when given (or by name among organisations without one, which then
    get it), otherwise by name, ignoring case."""
    candidates = Organisation.objects.filter(name__iexact=row["name"])
    if row.get("instellingsnummer"):
        number = _instellingsnummer(row["instellingsnummer"])
        found = Organisation.objects.filter(instellingsnummer=number).first()
        if found is not None:
            return found
        candidates = candidates.filter(instellingsnummer__isnull=True)
    matches = list(candidates[:2])
    if len(matches) > 1:
        raise _RowError(
            _("several organisations are called %(name)s; give the institution number")
            % {"name": row["name"]}
        )
    return matches[0] if matches else None


def _data_for(
    row: dict[str, str], existing: Organisation | None
) -> tuple[OrganisationData, str | None]:
    """The data to write: the existing organisation's, with the row's non-empty cells on top."""
    data = services.data_of(existing) if existing else OrganisationData(name=row["name"])
    for name in TEXT_COLUMNS:
        if row.get(name):
            setattr(data, name, row[name])
    for name, choices in (
        ("kind", Organisation.Kind),
        ("network", Organisation.Network),
        ("sector", Organisation.Sector),
    ):
        if row.get(name):
            setattr(data, name, _choice(name, row[name], choices.values))
    suggested_kind = None
    if row.get("levels"):
        data.levels = _levels(_LIST_SEPARATORS.split(row["levels"]))[0]
    if row.get("level_hint"):
        levels, suggested_kind = _levels([row["level_hint"]])
        data.levels = sorted(set(data.levels) | set(levels))  # a hint adds, never removes
    if row.get("email_domains"):
        data.email_domains = [d for d in _DOMAIN_SEPARATORS.split(row["email_domains"]) if d]
    return data, suggested_kind


def _choice(column: str, value: str, allowed: list[str]) -> str:
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key not in allowed:
        raise _RowError(
            _("unknown %(column)s “%(value)s” (use one of: %(allowed)s)")
            % {"column": column, "value": value, "allowed": ", ".join(allowed)}
        )
    return key


def _levels(values: list[str]) -> tuple[list[str], str | None]:
    levels: list[str] = []
    kind = None
    for value in values:
        key = " ".join(value.strip().lower().replace("_", " ").split())
        hint = LEVEL_HINTS.get(key) or LEVEL_HINTS.get(key.replace(" ", "_"))
        if hint is None:
            raise _RowError(_("unknown education level “%(level)s”") % {"level": value})
        levels.extend(hint[0])
        kind = kind or hint[1]
    return sorted(set(levels)), kind


def _write(data: OrganisationData, existing: Organisation | None, *, by: Person | None) -> str:
    """ "created", "updated" or "unchanged"; a rule the service enforces becomes the row's reason."""
    try:
        with transaction.atomic():
            if existing is None:
                services.create_organisation(data=data, by=by)
                return "created"
            if services.normalise(data) == services.data_of(existing):
                return "unchanged"
            services.update_organisation(organisation=existing, data=data, by=by)
            return "updated"
    except ValidationError as error:
        raise _RowError(" ".join(_messages(error))) from None


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        message if name == "__all__" else f"{_label(name)}: {message}"
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _label(name: str) -> str:
    try:
        verbose_name = getattr(Organisation._meta.get_field(name), "verbose_name", None)
    except FieldDoesNotExist:
        verbose_name = None
    return str(verbose_name or name.replace("_", " "))
