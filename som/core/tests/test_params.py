import pytest

from som.core import params


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(params.MAX_BIGINT), params.MAX_BIGINT),
        (str(params.MAX_BIGINT + 1), None),
        ("18446744073709551617", None),
        ("²", None),
        ("٣", None),
        ("0", None),
        ("-1", None),
        (" 1", None),
        ("1.0", None),
        ("", None),
        (None, None),
        (True, None),
        (7, 7),
        (10**20, None),
    ],
)
def test_positive_int_takes_only_ascii_digits_in_range(value, expected):
    assert params.positive_int(value) == expected


def test_positive_int_falls_back_to_the_default_and_respects_a_maximum():
    assert params.positive_int("²", 1) == 1
    assert params.positive_int("11", 5, maximum=10) == 5
    assert params.whole_number("0", None) == 0


def test_ids_refuse_the_whole_list_when_one_is_not_an_id():
    assert params.ids(["3", "1"]) == [3, 1]
    assert params.ids(["3", "²"]) is None
    assert params.ids([]) == []


def test_ascii_digits_keeps_only_0_to_9():
    assert params.ascii_digits("+++090/9337/55493+++") == "090933755493"
    assert params.ascii_digits("1²3") == "13"
