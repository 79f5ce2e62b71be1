"""Administration: each authority's reminder policy, read and changed setting by setting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from domain.accounts.administered import administered_authorities, administered_authority
from domain.accounts.models import Authority
from domain.errors import InvalidPolicy
from domain.reminders import policies
from domain.reminders.policy import SETTINGS, Policy, Setting
from web.deps import Db, PageViewer, PostedForm, RecordId
from web.errors import status_for
from web.forms import Shown, text
from web.templating import flash, render

router = APIRouter()
DEFAULTS = Policy()


@dataclass(frozen=True)
class SettingRow:
    """One setting as the form shows it: its description, default and the value typed."""

    setting: Setting
    default: str
    value: str
    changed: bool
    error: str | None


def shown(value: Any) -> str:
    """A setting's value as typed into the form: '10, 3', 'yes', '20'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _rows(policy: Policy, typed: Mapping[str, str], errors: Mapping[str, str]) -> list[SettingRow]:
    return [
        SettingRow(
            s,
            shown(getattr(DEFAULTS, s.name)),
            typed.get(s.name, shown(getattr(policy, s.name))),
            getattr(policy, s.name) != getattr(DEFAULTS, s.name),
            errors.get(s.name),
        )
        for s in SETTINGS
    ]


def _labelled(problems: Mapping[str, str]) -> dict[str, str]:
    """Each problem worded after its setting's label, as the error summary shows it."""
    labels = {s.name: s.label for s in SETTINGS}
    return {name: f"{labels.get(name, name)} {problem}" for name, problem in problems.items()}


@router.get("/admin/authorities")
def authorities_page(request: Request, db: Db, viewer: PageViewer) -> Response:
    authorities = administered_authorities(db, viewer.actor, "change reminder policies")
    context = {
        "authorities": authorities,
        "changed": {a.id: len(a.policy or {}) for a in authorities},
    }
    return render(request, "admin_authorities.html", context)


def policy_response(
    request: Request, authority: Authority, policy: Policy, shown: Shown = Shown()
) -> Response:
    context = {
        "authority": authority,
        "rows": _rows(policy, shown.values, shown.errors),
        "errors": shown.errors,
    }
    return render(request, "admin_policy.html", context, shown.status)


@router.get("/admin/authorities/{authority_id}/policy")
def policy_page(request: Request, db: Db, viewer: PageViewer, authority_id: RecordId) -> Response:
    authority = administered_authority(db, viewer.actor, authority_id)
    # A stored setting that cannot be read (an older version's limits, a hand edit) is shown
    # as stored, with what is wrong, so it can be put right here.
    stored = authority.policy or {}
    policy, problems = DEFAULTS.read_stored(stored)
    typed = {name: shown(stored[name]) for name in problems if name in stored}
    return policy_response(request, authority, policy, Shown(_labelled(problems), typed))


@router.post("/admin/authorities/{authority_id}/policy")
async def change_policy(
    request: Request, db: Db, viewer: PageViewer, authority_id: RecordId, form: PostedForm
) -> Response:
    authority = administered_authority(db, viewer.actor, authority_id)
    typed = {f.name: text(form, f.name, 100) for f in fields(Policy)}
    try:
        policies.set_policy(
            db,
            authority_id=authority_id,
            overrides={name: value or None for name, value in typed.items()},
            by=viewer.actor,
            replace=True,
        )
    except InvalidPolicy as error:
        current, _ = DEFAULTS.read_stored(authority.policy or {})
        shown = Shown(_labelled(error.problems), typed, status_for(error))
        return policy_response(request, authority, current, shown)
    flash(request, f"Reminder policy saved for {authority.name}")
    return RedirectResponse(f"/admin/authorities/{authority_id}/policy", 303)
