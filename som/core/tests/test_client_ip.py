"""The one address every rate limit counts by: the proxy's header only when a proxy is trusted."""

import pytest
from allauth.account.adapter import get_adapter

from som.core.client_ip import client_ip


@pytest.fixture
def no_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(rf, no_proxy):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"


def test_behind_one_trusted_proxy_the_address_it_saw_counts_not_what_the_visitor_wrote(
    rf, no_proxy, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The visitor sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_a_trusted_header_names_the_visitor(rf, no_proxy, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="2001:db8::7")
    assert client_ip(request) == "2001:db8::7"


@pytest.mark.parametrize("header", ["", "not-an-address", "300.1.1.1", "\x00"])
def test_a_missing_or_malformed_header_falls_back_to_the_connection(rf, no_proxy, settings, header):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=header)
    assert client_ip(request) == "127.0.0.1"


def test_too_few_forwarded_addresses_fall_back_to_the_connection_instead_of_an_error(
    rf, no_proxy, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "127.0.0.1"


def test_allauth_counts_by_the_same_function(rf, no_proxy, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"
