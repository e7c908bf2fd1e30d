"""Belgian dates in both languages: 7 December 2026, 07/12/2026, 15:30; never December 7 or p.m."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from som.finance.forms import ManualPaymentForm

PITCH = timezone.make_aware(datetime.datetime(2026, 12, 7, 15, 30))


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("name", "english", "dutch"),
    [
        ("DATE_FORMAT", "7 December 2026", "7 december 2026"),
        ("DATETIME_FORMAT", "7 December 2026, 15:30", "7 december 2026, 15:30"),
        ("SHORT_DATE_FORMAT", "07/12/2026", "07/12/2026"),
        ("SHORT_DATETIME_FORMAT", "07/12/2026 15:30", "07/12/2026 15:30"),
        ("TIME_FORMAT", "15:30", "15:30"),
    ],
)
def test_named_formats_put_the_day_first_and_use_the_24_hour_clock(name, english, dutch):
    source = '{{ moment|date:"' + name + '" }}'
    assert render(source, "en", moment=PITCH) == english
    assert render(source, "nl", moment=PITCH) == dutch


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_typed_date_is_read_day_first(language):
    with translation.override(language):
        assert forms.DateField().clean("07/12/2026") == datetime.date(2026, 12, 7)
        assert forms.DateField().clean("2026-12-07") == datetime.date(2026, 12, 7)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_date_picker_gets_an_iso_date_in_every_language(language):
    with translation.override(language):
        html = str(
            ManualPaymentForm(initial={"booked_on": datetime.date(2026, 12, 7)})["booked_on"]
        )
    assert 'value="2026-12-07"' in html
