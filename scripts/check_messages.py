"""Fail when the code's translatable messages and the catalogues in locale/ differ.

    python scripts/check_messages.py

A message changed in a template or in Python has a new msgid; until `make messages` brings it
into locale/*/django.po and it is translated, Dutch screens show it in English (a "€ " turned
"€&nbsp;" did, on the budget pages). This runs Django's makemessages on a copy of the project
(the files git knows, so nothing in this checkout changes) and compares the messages it finds
with the catalogues. The translations themselves are tested in som/core/tests/test_catalogues.py.
Needs GNU gettext, as makemessages does.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "en")
Key = tuple[str | None, str]  # (context, msgid)


def _project_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def _messages(catalogue: Path) -> set[Key]:
    with catalogue.open("rb") as po:
        messages = read_po(po)
    return {(message.context, _singular(message.id)) for message in messages if message.id}


def _singular(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _extracted(copy: Path) -> None:
    for name in _project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    environment = {**os.environ, "DATABASE_URL": "sqlite://:memory:"}
    command = [sys.executable, "manage.py", "makemessages", "--ignore=staticfiles"]
    command += [f"-l{language}" for language in LANGUAGES]
    subprocess.run(command, cwd=copy, env=environment, check=True, capture_output=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        _extracted(copy)
        problems = []
        for language in LANGUAGES:
            catalogue = Path("locale") / language / "LC_MESSAGES" / "django.po"
            in_code, in_catalogue = _messages(copy / catalogue), _messages(ROOT / catalogue)
            problems += [
                f"{catalogue}: missing {key[1]!r}"
                for key in sorted(in_code - in_catalogue, key=str)
            ]
            problems += [
                f"{catalogue}: no longer in the code {key[1]!r}"
                for key in sorted(in_catalogue - in_code, key=str)
            ]
    if problems:
        print("\n".join(problems))
        print(
            "Run `make messages`, translate the new messages and commit locale/.", file=sys.stderr
        )
        return 1
    print("messages: the catalogues hold exactly the code's messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
