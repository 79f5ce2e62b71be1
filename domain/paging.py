"""One page of a longer list, counted and sliced in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

T = TypeVar("T")
PAGE_SIZE = 25


@dataclass(frozen=True)
class Page(Generic[T]):
    """Items `number` (from 1) of a list `total` long, `size` at a time.

    `first` and `last` are worked out from the items actually on the page, so a page with
    nothing on it reads "0 to 0", never a range past the end of the list.
    """

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return last_page(self.total, self.size)

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def page_number(value: int | None) -> int:
    """A requested page number clamped to 1..10,000."""
    return min(max(value or 1, 1), 10_000)


def last_page(total: int, size: int = PAGE_SIZE) -> int:
    """The number of the last page of a list `total` long (1 for an empty list)."""
    return max(1, -(-total // size))


def within(number: int, total: int, size: int = PAGE_SIZE) -> int:
    """The page to show for a request of page `number`: past the end, the last page."""
    return min(max(number, 1), last_page(total, size))


def count_of(session: Session, query: Any) -> int:
    """How many rows `query` returns, counted by the database."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(session.exec(counted).one())
