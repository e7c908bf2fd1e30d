import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.utils import translation

SOM = Path(__file__).resolve().parents[2]
MAIL_NAMES = sorted(
    {
        name
        for path in SOM.rglob("*.py")
        if "tests" not in path.parts
        for name in re.findall(r'template="([\w/]+/mail/\w+)"', path.read_text())
    }
)


def test_the_services_send_some_mails():
    assert len(MAIL_NAMES) >= 5


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", MAIL_NAMES)
def test_every_mail_the_services_send_has_a_subject_and_a_body(name, language):
    with translation.override(language):
        subject = get_template(f"{name}_subject.txt").render({"name": "Lotte"})
        body = get_template(f"{name}_body.txt").render({"name": "Lotte"})
    assert subject.strip() and "\n" not in subject.strip()
    assert body.strip()
