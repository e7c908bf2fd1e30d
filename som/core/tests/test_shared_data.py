"""`shared_data_or_skip` (the root conftest): the tests that read ../shared/data skip on a
machine without it, and fail on CI, which must run them (issue 21)."""

import re
from pathlib import Path

import pytest

from conftest import shared_data_or_skip

ROOT = Path(__file__).resolve().parents[3]


def test_a_file_that_is_there_is_found(monkeypatch):
    monkeypatch.setenv("CI", "true")
    path = shared_data_or_skip("coda")  # the CODA samples CI has
    assert path.is_dir()
    assert path.parent.name == "data"


def test_a_missing_file_skips_on_a_developers_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-file"):
        shared_data_or_skip("no-such-file.csv")


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_ci_set_to_nothing_or_false_still_skips(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception):
        shared_data_or_skip("no-such-file.csv")


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_a_missing_file_fails_on_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="no-such-file"):
        shared_data_or_skip("no-such-file.csv")


def test_every_test_reads_the_shared_data_through_the_helper():
    """A test that builds the path to shared/data itself would skip on CI again."""
    by_hand = re.compile(r"""["']shared["']\s*/\s*["']data["']|shared/data/""")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (ROOT / "som", ROOT / "tests")
        for path in folder.rglob("*.py")
        if "tests" in path.parts
        and path != Path(__file__).resolve()
        and by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
