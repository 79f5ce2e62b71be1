"""Form tokens against cross-site requests, size limits, and headers every response carries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Evidence files may be 10 MB; the rest of a form is small.
MAX_BODY_BYTES = 11 * 1024 * 1024
CSP = "content-security-policy"
_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def content_security_policy(html_with_styles: str = "") -> str:
    """The policy every page gets; styles only from our files, plus (for a page that embeds
    a rendered document with its own style sheet) exactly the inline style blocks it holds."""
    sources = ["'self'"] + [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in _STYLE_BLOCK.findall(html_with_styles)
    ]
    return (
        f"default-src 'self'; script-src 'self'; style-src {' '.join(sources)}; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    )


HEADERS = [
    (CSP.encode(), content_security_policy().encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Calendar links carry their token in the path; never leak a path to another site.
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


async def check_csrf(request: Request) -> None:
    """Refuse a form post unless it carries this browser session's form token."""
    if request.method in SAFE_METHODS:
        return
    form = await request.form()
    sent = form.get("csrf_token") or request.headers.get("x-csrf-token")
    expected = request.session.get("csrf")
    if not (expected and isinstance(sent, str) and hmac.compare_digest(sent, str(expected))):
        raise HTTPException(
            403,
            "this form has expired or did not come from this service; "
            "go back, reload the page and try again",
        )


class Hardening:
    """ASGI middleware: security headers on every response, a cap on request bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            await _too_large(send, wants_json=_wants_json(scope))
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY_BYTES:
                raise HTTPException(413, f"the request is over {MAX_BODY_BYTES // 1048576} MB")
            return message

        is_static = scope["path"].startswith("/static/")

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # A page may widen its own style policy (content_security_policy); only that.
                has_policy = any(k.lower() == CSP.encode() for k, _ in headers)
                headers += [h for h in HEADERS if not (has_policy and h[0] == CSP.encode())]
                if not is_static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, limited_receive, send_hardened)


TOO_LARGE_PAGE = b"""<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>Too large - Closeout</title>
<link rel="stylesheet" href="/static/govuk/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">What you sent is too large</h1>
<p class="govuk-body">It is over 11 MB. Go back and choose a smaller file: letters, reports and
evidence are taken up to 10 MB each.</p>
</main></div></body></html>
"""


def _wants_json(scope: Scope) -> bool:
    """Whether the client reads JSON: the API, or a page script that asks for it."""
    accept = dict(scope.get("headers", [])).get(b"accept", b"")
    return str(scope["path"]).startswith("/api") or b"application/json" in accept


async def _too_large(send: Send, *, wants_json: bool) -> None:
    """Refuse a body over the cap: JSON for the API, a short page for a browser."""
    if wants_json:
        body, kind = (
            b'{"code":"too_large","message":"the request body is over 11 MB"}',
            b"application/json",
        )
    else:
        body, kind = TOO_LARGE_PAGE, b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})
