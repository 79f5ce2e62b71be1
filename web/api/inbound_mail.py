"""API: a relay posts each email sent to the reply address here, as raw RFC 822 bytes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from domain.permissions import require_any_administrator
from domain.replies.mail import MAX_MESSAGE_BYTES
from infra.inbound_mail import RepliesNotConfigured, take_in
from infra.runtime import Runtime, delivery_of
from web.deps import ApiViewer
from web.errors import error_body

router = APIRouter(tags=["replies"])

MESSAGE_TYPE = "message/rfc822"


@router.post(
    "/inbound-mail",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {MESSAGE_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses={
        413: {"description": f"The message is over {MAX_MESSAGE_BYTES // 1048576} MB"},
        415: {"description": f"The body is not {MESSAGE_TYPE}"},
        503: {"description": "Replies are not set up"},
    },
)
async def inbound_mail(request: Request, viewer: ApiViewer) -> Any:
    """Record a reply to a digest once and answer its sender, as the IMAP flow does.

    For an administrator's token only. The body is the raw email (`Content-Type:
    message/rfc822`); the same message posted again (by Message-ID) records nothing more.
    """
    require_any_administrator(viewer.actor, "post inbound mail")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != MESSAGE_TYPE:
        raise HTTPException(415, f"send the raw email as Content-Type {MESSAGE_TYPE}")
    raw = await _body(request)
    state = request.app.state
    runtime = Runtime(state.settings, state.engine, state.clock, delivery_of(state.settings))
    try:
        result = await run_in_threadpool(take_in, runtime, raw)
    except RepliesNotConfigured as off:
        return JSONResponse(error_body("replies_not_set_up", str(off)), 503)
    return {
        "reply_id": result.reply_id,
        "outcome": result.outcome.value,
        "repeated": result.repeated,
        "answered": result.answered,
        "summary": result.summary,
    }


async def _body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it passes the limit."""
    too_large = HTTPException(
        413, f"the message is over the limit of {MAX_MESSAGE_BYTES // 1048576} MB"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_MESSAGE_BYTES:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_MESSAGE_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
