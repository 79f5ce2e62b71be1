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
    """Items `number` (from 1) of a list `total` long, `size` at a time."""

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.number * self.size)


def page_number(value: int | None) -> int:
    """A requested page number clamped to 1..10,000."""
    return min(max(value or 1, 1), 10_000)


def count_of(session: Session, query: Any) -> int:
    """How many rows `query` returns, counted by the database."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(session.exec(counted).one())
