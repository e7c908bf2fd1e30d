"""Fill the Dutch catalogue from a JSON file of translations (msgid -> msgstr).

    python scripts/fill_translations.py translations.json

Fills the nl entries that are empty or fuzzy and whose msgid is in the file, clears their
fuzzy flag, writes the catalogue back, and lists the nl entries still empty or fuzzy. Plural
entries take a list [singular, plural]. A development tool: engineers write their strings in
English and translate them in one go, under a lock, instead of editing the .po file by hand.
"""

import json
import sys
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _translated(message: Message) -> bool:
    if isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string or ())


def main(translations_file: str) -> int:
    translations = json.loads(Path(translations_file).read_text(encoding="utf-8"))
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="nl")
    filled = 0
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in translations and (not _translated(message) or message.fuzzy):
            value = translations[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
            filled += 1
    with CATALOGUE.open("wb") as po:
        write_po(po, catalogue, width=79, include_previous=False)
    missing = [
        message.id
        for message in catalogue
        if message.id and (message.fuzzy or not _translated(message))
    ]
    print(f"filled {filled}; still empty or fuzzy: {len(missing)}")
    for msgid in missing:
        print("  ", json.dumps(msgid, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
