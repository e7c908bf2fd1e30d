from decimal import Decimal
from fractions import Fraction

from django.template import Context, Template
from django.utils import translation

from som.core.money import euros


def test_dutch_amounts_have_a_decimal_comma_and_always_two_decimals():
    with translation.override("nl"):
        assert euros(Decimal("100")) == "€\xa0100,00"
        assert euros(Decimal("1234.5")) == "€\xa01.234,50"
        assert euros("90000") == "€\xa090.000,00"


def test_english_amounts_have_a_decimal_point():
    with translation.override("en"):
        assert euros(Decimal("100")) == "€\xa0100.00"
        assert euros(1234.5) == "€\xa01,234.50"


def test_fractions_round_half_up_to_the_cent_and_nothing_is_empty():
    with translation.override("nl"):
        assert euros(Fraction(1, 200)) == "€\xa00,01"
    assert euros(None) == euros("") == ""


def test_the_template_filter_is_the_same_function():
    with translation.override("nl"):
        rendered = Template("{% load money %}{{ amount|euros }}").render(
            Context({"amount": Decimal("50")})
        )
    assert rendered == "€\xa050,00"
