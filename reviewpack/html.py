"""The review pack as HTML: one Jinja2 template, its style sheet inlined, nothing fetched."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from domain.calendar import LONDON
from domain.carryover.review_pack import ReviewPack
from domain.dates import written_date, written_moment
from domain.inspections.rules import heading_title
from domain.labels import LABEL_FILTERS

TEMPLATES = Path(__file__).parent / "templates"


def day(value: date | str | None) -> str:
    """A date as people write it, 2 February 2011; an empty string when there is none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return written_date(value)


def moment(value: datetime | str | None) -> str:
    """A recorded time in London, as GOV.UK writes it: 2 February 2011 at 2:05pm."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return written_moment(value.astimezone(LONDON))


def words(value: str | None) -> str:
    """A stored code read as words: in_progress becomes In progress."""
    if not value:
        return ""
    text = value.replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        LABEL_FILTERS, day=day, moment=moment, words=words, heading_title=heading_title
    )
    return env


def _style() -> Markup:
    return Markup(f"<style>\n{(TEMPLATES / 'pack.css').read_text(encoding='utf-8')}</style>")


def render_pack_html(pack: ReviewPack, *, standalone: bool = True) -> str:
    """The pack as HTML: a whole printable page, or (standalone=False) a fragment with its
    style, to mount inside another page; every rule of the style is scoped to the pack."""
    body = _environment().get_template("pack.html.j2").render(pack=pack)
    if not standalone:
        return f"{_style()}\n{body}"
    title = f"Review pack: {pack.authority}, {day(pack.today)}"
    page_rule = "<style>@page { size: A4; margin: 14mm 12mm; }</style>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{Markup.escape(title)}</title>\n{page_rule}\n{_style()}\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
