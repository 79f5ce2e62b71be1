"""Reading the /areas query string into the domain's AreaFilters, and writing links back.

Every value is kept as typed, so the form shows it again; a value that does not read gets a
message on its field instead of being dropped, and the list is not shown until it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from domain.areas.listing import ACTIVE, AreaFilters, Direction, Sort
from domain.dates import parse_date
from domain.errors import InvalidChoice, InvalidInput
from domain.ids import record_id_in
from domain.vocabulary import Priority, Rag, Status, parse_choice

# The query parameters of the list, in the order links carry them.
FIELDS = (
    "authority",
    "q",
    "lead",
    "inspection",
    "status",
    "rag",
    "priority",
    "due_after",
    "due_before",
    "carried_over",
    "overdue",
    "due_soon",
    "unassigned",
    "awaiting_decision",
    "no_due_date",
    "sort",
    "dir",
)
PRESETS = ("overdue", "due_soon", "unassigned", "awaiting_decision", "no_due_date")
LIMIT = 200  # characters kept of any one parameter


@dataclass(frozen=True)
class ListQuery:
    """The list's parameters as typed, what they mean, and any that did not read."""

    params: dict[str, str]
    filters: AreaFilters
    errors: dict[str, str] = field(default_factory=dict)

    def link(self, path: str = "/areas", **changes: str | None) -> str:
        """`path` with these parameters, changed as given (None drops one); no page number."""
        return self.link_to(path, changes)

    def link_to(self, path: str, changes: Mapping[str, str | None]) -> str:
        """`path` with the list's parameters, changed as `changes` says."""
        merged = {**self.params, **changes}
        names = [*FIELDS, *(k for k in changes if k not in FIELDS)]
        kept = [(k, merged[k]) for k in names if merged.get(k)]
        return f"{path}?{urlencode(kept)}" if kept else path

    @property
    def cleared(self) -> str:
        """The list with no search or filter, sorted as now."""
        kept = ("authority", "sort", "dir")
        return self.link_to("/areas", {k: None for k in FIELDS if k not in kept})

    @property
    def is_filtered(self) -> bool:
        return any(self.params.get(k) for k in FIELDS if k not in ("authority", "sort", "dir"))


def _yes_no(value: str, what: str) -> bool:
    wanted = value.strip().lower()
    if wanted in ("yes", "no"):
        return wanted == "yes"
    raise InvalidInput(f"{what} {value!r} is not valid; use yes or no")


def _preset(name: str) -> Callable[[str], bool]:
    """The reader of a yes/no list preset such as `overdue`."""
    return lambda value: _yes_no(value, name.replace("_", " "))


def _status(value: str) -> Status | str:
    """A status, or `active` for open, in progress or blocked."""
    if value.strip().lower() == ACTIVE:
        return ACTIVE
    try:
        return parse_choice(Status, value, "status")
    except InvalidChoice:
        raise InvalidChoice("status", value, [ACTIVE, *(s.value for s in Status)]) from None


def _inspection(value: str) -> int:
    number = record_id_in(value)
    if number is None:
        raise InvalidInput(
            f"inspection {value!r} is not an inspection id; choose one from the list"
        )
    return number


_READERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "inspection": ("inspection", _inspection),
    "status": ("status", _status),
    "rag": ("rag", lambda v: parse_choice(Rag, v, "RAG rating")),
    "priority": ("priority", lambda v: parse_choice(Priority, v, "priority")),
    "due_after": ("due_after", lambda v: parse_date(v, "due on or after")),
    "due_before": ("due_before", lambda v: parse_date(v, "due on or before")),
    "carried_over": ("carried_over", lambda v: _yes_no(v, "carried over")),
    "sort": ("sort", lambda v: parse_choice(Sort, v, "sort")),
    "dir": ("direction", lambda v: parse_choice(Direction, v, "direction")),
    **{p: (p, _preset(p)) for p in PRESETS},
}


def read_list_query(query: Mapping[str, str]) -> ListQuery:
    """The list asked for by a query string; each parameter that does not read is named."""
    params = {k: query.get(k, "").strip()[:LIMIT] for k in FIELDS}
    values: dict[str, Any] = {"q": params["q"], "lead": params["lead"] or None}
    errors: dict[str, str] = {}
    for name, (attribute, reader) in _READERS.items():
        if not params[name]:
            continue
        try:
            values[attribute] = reader(params[name])
        except InvalidInput as error:
            errors[name] = error.message[:1].upper() + error.message[1:]
    return ListQuery(params, AreaFilters(**values), errors)
