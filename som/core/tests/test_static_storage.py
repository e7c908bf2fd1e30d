import json
from pathlib import Path

import pytest

from som.core.static_storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path: Path) -> StaticFilesStorage:
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/som.css": "css/som.0123abcd.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_a_file_has_its_hashed_address_and_keeps_it(storage: StaticFilesStorage) -> None:
    assert storage.url("css/som.css") == "/static/css/som.0123abcd.css"
    storage.hashed_files.clear()  # the manifest is not read again: the address is remembered
    assert storage.url("css/som.css") == "/static/css/som.0123abcd.css"


def test_a_missing_file_is_refused_every_time(storage: StaticFilesStorage) -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
