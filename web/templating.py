"""Rendering pages: the Jinja2 environment, its filters, and what every page is given."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from domain.calendar import LONDON
from domain.carryover import is_repeat
from domain.dates import written_date, written_moment
from domain.inspections.rules import heading_title
from domain.labels import LABEL_FILTERS, label
from domain.vocabulary import Rag, Role, Status
from web.menu import menu_for

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES)
env = templates.env
env.trim_blocks = True
env.lstrip_blocks = True

# The GOV.UK tag colour of each status and rating; the words come from domain.labels.
STATUS_TAGS = {
    Status.OPEN: "govuk-tag--grey",
    Status.IN_PROGRESS: "govuk-tag--light-blue",
    Status.BLOCKED: "govuk-tag--red",
    Status.COMPLETED: "govuk-tag--turquoise",
    Status.CLOSED: "govuk-tag--green",
}
RAG_TAGS = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
}


def carry_label(carry_count: int) -> tuple[str, str] | None:
    """The tag of an area carried over from an earlier inspection: a repeat once carried
    through enough inspections; None for an area first raised by its own inspection."""
    if is_repeat(carry_count):
        return "Repeat", "govuk-tag--pink"
    return ("Carried over", "govuk-tag--purple") if carry_count > 0 else None


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(LONDON).date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def long_date(value: date | str | None) -> str:
    """'2 March 2026', as GOV.UK writes dates."""
    day = _as_date(value)
    return written_date(day) if day else ""


def date_time(value: datetime | str | None) -> str:
    """'2 March 2026 at 10:05am' in England."""
    if value is None or value == "":
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return written_moment(moment.astimezone(LONDON))


def words(value: str | None) -> str:
    """'in_progress' → 'In progress'."""
    text = (value or "").replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


env.filters.update(
    LABEL_FILTERS,
    long_date=long_date,
    date_time=date_time,
    full_title=heading_title,
    words=words,
    status_class=lambda s: STATUS_TAGS.get(s, "govuk-tag--grey"),
    rag_class=lambda r: RAG_TAGS.get(r, "govuk-tag--grey"),
    label=label,
    carry_label=carry_label,
)
# The header's words, the same on every page: the authority a page is about is its caption.
SERVICE_OWNER = "Children's services improvement"
# Templates compare with members (viewer.role == Role.ADMIN), never with spelled-out values.
env.globals.update(
    Rag=Rag, Role=Role, Status=Status, SERVICE_OWNER=SERVICE_OWNER, menu_for=menu_for
)


def csrf_token(request: Request) -> str:
    """The session's form token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def flash(request: Request, message: str, *, area: str | None = None) -> None:
    """A one-line confirmation shown on the next page the person sees, at the top of it;
    `area` names the development area it is about, under the line."""
    request.session["flash"] = message
    request.session.pop("flash_area", None)
    if area:
        request.session["flash_area"] = area


def confirmed(request: Request, message: str, to: str, *, area: str | None = None) -> Response:
    """After a form: the confirmation, then `to` with it first in view. Any #fragment is
    dropped, as the browser would scroll to it and leave the banner above the screen."""
    flash(request, message, area=area)
    return RedirectResponse(to.split("#", 1)[0], 303)


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | None = None,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A page from `name`, given the viewer, the form token and any confirmation."""
    page = {
        "viewer": getattr(request.state, "viewer", None),
        "csrf_token": csrf_token(request),
        "flash": request.session.pop("flash", None),
        "flash_area": request.session.pop("flash_area", None),
        "path": request.url.path,
        **(context or {}),
    }
    return templates.TemplateResponse(
        request, name, page, status_code=status, headers=dict(headers or {})
    )


def render_error(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> HTMLResponse:
    """The error page: what went wrong in one line, and where to go next."""
    return render(request, "error.html", {"status": status, "message": message}, status, headers)
