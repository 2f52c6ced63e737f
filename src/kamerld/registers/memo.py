"""A memo per registers instance for lookups, which are pure functions of their arguments: the same
few names recur in every document (askers, ministers, ministries)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: answers a registers instance remembers before it forgets them all (memory stays bounded in a long build)
LIMIT = 50_000


class _Listed:
    """A list answer, kept unchangeable: each caller gets a list of its own."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = tuple(items)


def memoized(method: F) -> F:
    """Remember `method`'s answer per instance and arguments. A miss is recorded on the first call,
    which is all `Registers.unresolved()` needs. A list answer is handed out as a new list each time."""
    name = method.__name__

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        memo = self.__dict__.get("_memo")
        if memo is None:
            memo = self.__dict__["_memo"] = {}
        # keyword arguments in the order given: a call site passes them in one order (sorting them
        # was a third of a lookup)
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        try:
            value = memo[key]
        except KeyError:
            if len(memo) >= LIMIT:
                memo.clear()
            value = method(self, *args, **kwargs)
            memo[key] = _Listed(value) if isinstance(value, list) else value
            return value
        return list(value.items) if isinstance(value, _Listed) else value

    return wrapper  # type: ignore[return-value]
