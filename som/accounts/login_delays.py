"""Growing delays after failed logins to one account, instead of a lock.

allauth's per-account limit locked an account for five minutes after five failures: anybody who
knew a team member's address could keep them out all day. Here each account gets a few free
failures, then every further failure doubles the wait before the next try (up to a ceiling), and
the person is told how long. A try during the wait is refused without looking at the password, so
guessing gets no faster by hammering; a successful login forgets the failures.

Two budgets: the account from this address (the person mistyping, or one machine guessing), and
the account from everywhere (guesses spread over many addresses), which allows more failures
before it slows down. Counted in the shared cache, like allauth's limits.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from som.core.client_ip import client_ip


@dataclass(frozen=True)
class Budget:
    name: str
    free: int  # failures before the first wait
    first_wait: int  # seconds; doubles with each further failure
    longest_wait: int  # seconds
    per_address: bool


BUDGETS = (
    Budget("address", free=5, first_wait=30, longest_wait=15 * 60, per_address=True),
    Budget("account", free=20, first_wait=30, longest_wait=15 * 60, per_address=False),
)
FORGET_AFTER = 60 * 60  # failures are forgotten an hour after the last one (or its wait)


def _key(budget: Budget, request: HttpRequest, login: str) -> str:
    source = login.strip().lower()
    if budget.per_address:
        source += "|" + client_ip(request)
    digest = hashlib.sha256(source.encode()).hexdigest()
    return f"som:login-delay:{budget.name}:{digest}"


def seconds_to_wait(request: HttpRequest, login: str) -> int:
    """0 when `login` may be tried now, else the seconds until it may."""
    now = time.time()
    waits = [
        until - now
        for until in (cache.get(_key(b, request, login), (0, 0.0))[1] for b in BUDGETS)
        if until > now
    ]
    return math.ceil(max(waits)) if waits else 0


def note_failure(request: HttpRequest, login: str) -> None:
    now = time.time()
    for budget in BUDGETS:
        key = _key(budget, request, login)
        failures, _until = cache.get(key, (0, 0.0))
        failures += 1
        until = 0.0
        if failures >= budget.free:
            wait = budget.first_wait * 2 ** min(failures - budget.free, 20)
            until = now + min(wait, budget.longest_wait)
        cache.set(key, (failures, until), FORGET_AFTER + budget.longest_wait)


def forget(request: HttpRequest, login: str) -> None:
    cache.delete_many([_key(budget, request, login) for budget in BUDGETS])


def wait_message(seconds: int) -> str:
    if seconds < 60:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return _(
        "Too many failed logins for this account. To keep it safe, wait %(wait)s before you "
        "try again, or reset your password."
    ) % {"wait": wait}
