"""API: pausing an area's chase, being away with a delegate, and one's reminder settings."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from domain.accounts.absences import Absence
from domain.accounts.away import end_absence, set_absence
from domain.accounts.people import get_person
from domain.accounts.preferences import Rhythm, preference_of, set_preference
from domain.areas.pauses import AreaPause
from domain.areas.pausing import pause_area, resume_area
from domain.free_text import REASON_LIMIT
from domain.reminders.policies import policy_as_read
from domain.reminders.policy import Policy
from web.api.schemas import text
from web.deps import ApiViewer, Db, RecordId, Viewer
from web.forms import check_plausible_date

router = APIRouter(tags=["pauses, absences and reminder settings"])


class PauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    until: date = Field(description="the last day of the pause")
    reason: text(REASON_LIMIT)  # type: ignore[valid-type]


class PauseOut(BaseModel):
    area_id: int
    starts_on: date
    until: date
    planned_until: date
    reason: str
    set_by_role: str
    resumed: bool


class AwayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_on: date
    ends_on: date
    delegate_email: str | None = Field(default=None, max_length=320)


class AwayOut(BaseModel):
    starts_on: date
    ends_on: date
    planned_ends_on: date
    delegate_id: int | None


class RemindersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: list[str] = Field(max_length=4, description="email, teams, slack, webhook")
    rhythm: Rhythm = Rhythm.DAILY
    weekly_day: str | None = Field(default=None, max_length=10, description="Monday to Friday")


class RemindersOut(BaseModel):
    channels: list[str]
    rhythm: Rhythm
    weekly_day: str | None


def _pause_out(pause: AreaPause) -> dict[str, Any]:
    out = PauseOut(
        area_id=pause.area_id,
        starts_on=pause.starts_on,
        until=pause.until,
        planned_until=pause.planned_until,
        reason=pause.reason,
        set_by_role=pause.set_by_role.value,
        resumed=pause.was_resumed,
    )
    return out.model_dump(mode="json")


@router.post("/areas/{area_id}/pause", status_code=201, response_model=PauseOut)
def pause(db: Db, viewer: ApiViewer, area_id: RecordId, body: PauseIn) -> JSONResponse:
    """Pause the chase of an area until a date (the lead, or a manager)."""
    check_plausible_date(body.until, viewer.today, "until")
    found = pause_area(
        db,
        area_id=area_id,
        until=body.until,
        reason=body.reason,
        by=viewer.actor,
        today=viewer.today,
        now=viewer.now,
    )
    return JSONResponse(_pause_out(found), 201)


@router.post("/areas/{area_id}/resume", response_model=PauseOut)
def resume(db: Db, viewer: ApiViewer, area_id: RecordId) -> dict[str, Any]:
    """End the area's pause: it is chased again from today."""
    ended = resume_area(db, area_id=area_id, by=viewer.actor, today=viewer.today, now=viewer.now)
    return _pause_out(ended)


def _away_out(absence: Absence) -> dict[str, Any]:
    out = AwayOut.model_validate(absence, from_attributes=True)
    return out.model_dump(mode="json")


@router.post("/account/away", status_code=201, response_model=AwayOut)
def away(db: Db, viewer: ApiViewer, body: AwayIn) -> JSONResponse:
    """Record that you are away; your reminders go to the delegate (else your manager)."""
    for value, what in ((body.starts_on, "starts_on"), (body.ends_on, "ends_on")):
        check_plausible_date(value, viewer.today, what)
    delegate = get_person(db, body.delegate_email) if body.delegate_email else None
    absence = set_absence(
        db,
        person=viewer.person,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        delegate=delegate,
        by=viewer.actor,
        today=viewer.today,
        now=viewer.now,
    )
    return JSONResponse(_away_out(absence), 201)


@router.delete("/account/away", response_model=AwayOut)
def back(db: Db, viewer: ApiViewer) -> dict[str, Any]:
    """End your absence (you are back today) or cancel the next one."""
    ended = end_absence(
        db, person=viewer.person, by=viewer.actor, today=viewer.today, now=viewer.now
    )
    return _away_out(ended)


def policy_of(db: Db, viewer: Viewer) -> Policy:
    """The viewer's authority's policy (the defaults for someone of no authority)."""
    authority = viewer.person.authority_id
    return policy_as_read(db, authority) if authority else Policy()


@router.get("/account/reminders", response_model=RemindersOut)
def reminders(db: Db, viewer: ApiViewer) -> dict[str, Any]:
    """Your reminder channels and rhythm, as delivery honours them."""
    chosen = preference_of(db, viewer.person, policy_of(db, viewer))
    return RemindersOut(
        channels=sorted(c.value for c in chosen.channels),
        rhythm=chosen.rhythm,
        weekly_day=chosen.day_name,
    ).model_dump(mode="json")


@router.put("/account/reminders", response_model=RemindersOut)
def choose_reminders(db: Db, viewer: ApiViewer, body: RemindersIn) -> dict[str, Any]:
    """Choose your channels and rhythm, within your authority's policy."""
    set_preference(
        db,
        person=viewer.person,
        policy=policy_of(db, viewer),
        channels=body.channels,
        rhythm=body.rhythm.value,
        weekly_day=body.weekly_day,
        by=viewer.actor,
        now=viewer.now,
    )
    return reminders(db, viewer)
