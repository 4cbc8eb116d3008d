"""Login throttling: after ``free`` failures in a row, each further attempt must wait, longer
each time (doubling from ``base`` up to ``cap``). The same rule is applied per user name and
per client address, from failures the audit trail holds, so that every server worker sees the
same count. Pure: the caller passes the failures and the time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Policy:
    free: int = 5
    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(minutes=15)
    window: timedelta = timedelta(hours=1)
    """Failures older than this are forgotten."""


POLICY = Policy()
"""Per user name: a person mistyping their own password."""
ADDRESS_POLICY = Policy(free=20)
"""Per client address: more room, since one office may sign in from behind one address."""


def wait_until(failures: Sequence[datetime], policy: Policy = POLICY) -> datetime | None:
    """When the next attempt may be made, given the failures that count (those in the window,
    since the last success); None when it may be made at once."""
    if len(failures) < policy.free:
        return None
    extra = len(failures) - policy.free
    delay = min(policy.base * (1 << min(extra, 20)), policy.cap)
    last: datetime = max(failures)
    return last + delay


def locked(failures: Sequence[datetime], now: datetime, policy: Policy = POLICY) -> datetime | None:
    """The time until which attempts are refused, if that is later than ``now``."""
    until = wait_until(failures, policy)
    return until if until is not None and until > now else None
