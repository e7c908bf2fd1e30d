from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import shared_data_or_skip
from som.core import audit
from som.network.importing import import_organisations, parse_csv
from som.network.models import Organisation
from som.network.tests.factories import make_organisation

CHARTER = "leuven-charter-institutions.csv"
DEMO_CSV = Path(__file__).resolve().parents[2] / "demo" / "data" / "charter-institutions.csv"


def charter_csv() -> Path:
    """The shared reference list lives next to the repository, in ../shared/data."""
    return shared_data_or_skip(CHARTER)


def run(path: Path, *options: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "import_organisations", str(path), *options, "--language=en", stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "organisations.csv"
    path.write_text(text, encoding=encoding)
    return path


def levels_of(name: str) -> list[str]:
    return sorted(Organisation.objects.get(name=name).levels.values_list("code", flat=True))


BAD_FILE = (
    "name;instellingsnummer;levels;enterprise_number\n"
    "Goede School;12345;kleuter|lager;\n"
    "Slechte School;12ab;;\n"
    ";123456;;\n"
    "goede school;;;\n"
    "Vreemde School;;universiteit;\n"
    "Vzw Zonder Nummer;;;0403.170.702\n"
    "Tweede Goede School;;secundair;\n"
)


def test_the_charter_list_imports_every_institution(db):
    out, err = run(charter_csv())
    assert "74 created, 0 updated, 0 unchanged, 0 skipped." in out
    assert err == ""
    assert Organisation.objects.count() == 74
    assert levels_of("Paridaensinstituut basisschool") == ["kleuter", "lager"]
    assert levels_of("Ter Bank buitengewoon secundair onderwijs") == ["buitengewoon_secundair"]
    assert levels_of("KieM") == []
    assert Organisation.objects.get(name="CLB GO!").kind == Organisation.Kind.CLB
    assert Organisation.objects.get(name="UCLL").kind == Organisation.Kind.HIGHER_EDUCATION
    assert Organisation.objects.get(name="CVO Volt").kind == Organisation.Kind.ADULT_EDUCATION
    entry = audit.entries_for(Organisation.objects.get(name="UCLL")).get()
    assert entry.action == "organisation.created"
    assert entry.actor is None


def test_importing_the_charter_list_again_creates_nothing(db):
    run(charter_csv())
    out, _ = run(charter_csv())
    assert "0 created, 0 updated, 74 unchanged, 0 skipped." in out
    assert Organisation.objects.count() == 74


def test_a_richer_list_updates_what_the_charter_list_created(db):
    run(charter_csv())
    out, err = run(DEMO_CSV)
    assert "0 created, 74 updated, 0 unchanged, 0 skipped." in out, err
    ring = Organisation.objects.get(name="Atheneum De Ring")
    assert (ring.instellingsnummer, ring.network) == ("900001", "go")
    out, _ = run(charter_csv())
    assert "74 unchanged" in out  # a level hint adds levels, it never takes any away


def test_a_row_is_matched_by_institution_number_first(db):
    school = make_organisation(name="Oude Naam", instellingsnummer="54321")
    path_text = "name,instellingsnummer,city\nNieuwe Naam,054321,Heverlee\n"
    run_result = import_organisations(parse_csv(path_text))
    assert (run_result.created, run_result.updated) == (0, 1)
    school.refresh_from_db()
    assert (school.name, school.city) == ("Nieuwe Naam", "Heverlee")


def test_a_row_is_matched_by_name_ignoring_case(db):
    school = make_organisation(name="De Ark", city="Leuven")
    report = import_organisations(parse_csv("name,city\nDE ARK,Wilsele\n"))
    assert (report.created, report.updated) == (0, 1)
    school.refresh_from_db()
    assert school.city == "Wilsele"


def test_empty_cells_leave_what_is_known(db):
    school = make_organisation(name="De Ark", instellingsnummer="123456", website="https://ark.be")
    report = import_organisations(parse_csv("name,website,instellingsnummer\nDe Ark,,\n"))
    assert report.unchanged == 1
    school.refresh_from_db()
    assert (school.website, school.instellingsnummer) == ("https://ark.be", "123456")


def test_bad_rows_are_skipped_with_their_line_and_reason(db, tmp_path):
    out, err = run(write(tmp_path, "\ufeff" + BAD_FILE))
    assert "2 created, 0 updated, 0 unchanged, 5 skipped." in out
    assert err.splitlines() == [
        "line 3: institution number 12ab is not 5 or 6 digits",
        "line 4: the name is empty",
        "line 5: a duplicate of line 2",
        "line 6: unknown education level “universiteit”",
        "line 7: enterprise number: This is not a valid Belgian enterprise number "
        "(like 0123.456.749).",
    ]
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Goede School",
        "Tweede Goede School",
    ]
    assert Organisation.objects.get(name="Goede School").instellingsnummer == "012345"
    assert levels_of("Goede School") == ["kleuter", "lager"]


def test_with_strict_one_bad_row_means_nothing_is_written(db, tmp_path):
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, BAD_FILE), "--strict")
    assert "Nothing was written" in str(error.value)
    assert Organisation.objects.count() == 0


def test_with_strict_a_good_file_is_written(db, tmp_path):
    out, _ = run(write(tmp_path, "name,levels\nA,lager\nB,secundair\n"), "--strict")
    assert "2 created" in out
    assert Organisation.objects.count() == 2


def test_a_dry_run_reports_and_writes_nothing(db, tmp_path):
    out, _ = run(write(tmp_path, BAD_FILE), "--dry-run")
    assert "Nothing was written" in out
    assert "2 created" in out
    assert Organisation.objects.count() == 0


def test_a_domain_another_organisation_has_is_a_reason_to_skip(db):
    make_organisation(name="De Linde", email_domains=["delinde.be"])
    report = import_organisations(
        parse_csv("name,email_domains\nDe Ring,dering.be|delinde.be\n"), by=None
    )
    assert report.created == 0
    assert [skipped.line for skipped in report.skipped] == [2]
    assert "delinde.be" in report.skipped[0].reason


def test_an_unknown_kind_is_a_reason_to_skip(db):
    report = import_organisations(parse_csv("name,kind\nDe Ring,kasteel\n"))
    assert report.skipped[0].line == 2
    assert "kasteel" in report.skipped[0].reason


def test_a_semicolon_file_with_a_bom_and_quoted_cells_is_read(db, tmp_path):
    text = '\ufeffName;Kind;Levels;City\n"De Boog; campus 2";school;kleuter;"Kessel-Lo"\n'
    out, _ = run(write(tmp_path, text))
    assert "1 created" in out
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.city) == ("De Boog; campus 2", "Kessel-Lo")


def test_a_file_without_a_name_column_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no “name” column"):
        run(write(tmp_path, "naam,niveau\nDe Ark,lager\n"))


def test_a_file_that_is_not_utf8_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="not UTF-8"):
        run(write(tmp_path, "name\nÉcole Sainte-Thérèse\n", encoding="latin-1"))


def test_unknown_columns_are_ignored_and_reported(db, tmp_path):
    _, err = run(write(tmp_path, "name,colour\nDe Ark,blue\n"))
    assert "Column “colour” is not known and was ignored." in err
    assert Organisation.objects.filter(name="De Ark").exists()


def test_a_file_with_a_nul_character_is_refused_with_its_line(db, tmp_path):
    """A spreadsheet saved in a binary format, or a damaged file: PostgreSQL cannot store a NUL
    character, so the whole file is refused with a message, not a traceback."""
    with pytest.raises(CommandError, match="NUL character on line 3"):
        run(write(tmp_path, "name,city\nDe Ark,Leuven\nDe\x00Boog,Leuven\n"))
    assert not Organisation.objects.filter(name="De Ark").exists()


def test_a_folder_instead_of_a_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run(tmp_path)


def test_a_cell_larger_than_csv_allows_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="line 2"):
        run(write(tmp_path, 'name\n"' + "x" * 200_000 + '"\n'))
