import pytest
from django.core.exceptions import ValidationError

from som.network.validators import (
    clean_email_domain,
    clean_enterprise_number,
    clean_instellingsnummer,
    format_enterprise_number,
)


def test_a_five_digit_institution_number_is_stored_zero_padded():
    assert clean_instellingsnummer("12345") == "012345"


def test_a_six_digit_institution_number_is_kept_and_spaces_are_ignored():
    assert clean_instellingsnummer(" 123 456 ") == "123456"


@pytest.mark.parametrize("value", ["1234", "1234567", "12ab", "", "00000", "１２３４５", "12.345"])
def test_an_institution_number_that_is_not_5_or_6_digits_is_refused(value):
    with pytest.raises(ValidationError) as error:
        clean_instellingsnummer(value)
    assert error.value.code == "invalid_instellingsnummer"


@pytest.mark.parametrize("value", ["0403.170.701", "0403170701", "BE 0403 170 701", "403170701"])
def test_a_valid_enterprise_number_is_stored_as_ten_digits(value):
    assert clean_enterprise_number(value) == "0403170701"


@pytest.mark.parametrize("value", ["0403.170.702", "12345", "abc", "0123456789012"])
def test_an_enterprise_number_with_a_wrong_check_is_refused(value):
    with pytest.raises(ValidationError) as error:
        clean_enterprise_number(value)
    assert error.value.code == "invalid_enterprise_number"


def test_an_enterprise_number_is_shown_with_dots():
    assert format_enterprise_number("0403170701") == "0403.170.701"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("delinde.be", "delinde.be"), (" @KULeuven.be ", "kuleuven.be"), ("a.b.co.uk", "a.b.co.uk")],
)
def test_an_email_domain_is_lowercased_without_at_sign(value, expected):
    assert clean_email_domain(value) == expected


@pytest.mark.parametrize(
    "value", ["delinde", "x@delinde.be", "-bad.be", "spa ce.be", "http://a.be"]
)
def test_something_that_is_not_a_domain_is_refused(value):
    with pytest.raises(ValidationError):
        clean_email_domain(value)
