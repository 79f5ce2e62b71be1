"""The one place that turns domain errors into HTTP statuses, JSON for the API, pages else."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    NotPermitted,
    TooManyAttempts,
)
from web.templating import render_error

# Most specific first: TooManyAttempts is a NotAuthenticated with its own status.
STATUSES: tuple[tuple[type[DomainError], int], ...] = (
    (TooManyAttempts, 429),
    (NotAuthenticated, 401),
    (NotPermitted, 403),
    (NotFound, 404),
    (InvalidInput, 422),
    (Conflict, 409),
)


class SignInRequired(Exception):
    """A page needs a signed-in person; the handler sends them to sign in and back."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def status_for(error: DomainError) -> int:
    """The HTTP status of a domain error."""
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 400)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_body(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def install(app: FastAPI) -> None:
    """Register the handlers for domain errors, bad requests and sign-in redirects."""

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError) -> Response:
        status = status_for(error)
        headers = _headers(error)
        if is_api(request):
            return JSONResponse(error_body(error.code, error.message), status, headers=headers)
        return render_error(request, status, error.message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if is_api(request):
            problems = "; ".join(_problem(e) for e in error.errors()[:5])
            message = f"the request is not valid: {problems}"
            return JSONResponse(error_body("invalid_input", message), 422)
        told = "; ".join(dict.fromkeys(_for_people(e) for e in error.errors()[:5]))
        return render_error(request, 422, f"check the address of this page: {told}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            error.status_code, "http_error"
        )
        message = str(error.detail)
        if is_api(request):
            return JSONResponse(error_body(code, message), error.status_code, headers=error.headers)
        if error.status_code in PLAIN and message == HTTPStatus(error.status_code).phrase:
            message = PLAIN[error.status_code]  # for Starlette's own words, "Not Found"
        return render_error(request, error.status_code, message, headers=error.headers)

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, error: SignInRequired) -> Response:
        return RedirectResponse(f"/sign-in?next={quote(error.next_path, safe='/')}", 303)


def _headers(error: DomainError) -> dict[str, str] | None:
    if isinstance(error, TooManyAttempts):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, NotAuthenticated):
        return {"WWW-Authenticate": "Bearer"}
    return None


# The page's words where Starlette gives only the status's name ("Not Found").
PLAIN = {
    404: "there is no page at this address; check it, or start again from the menu",
    405: "this address cannot be used that way; go back and use the page's own links",
}
# What a validator's error type means, in the words of the page that shows it.
_RULES = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "bool_parsing": "must be yes or no",
    "date_from_datetime_parsing": "must be a date, like 2026-03-27",
    "date_parsing": "must be a date, like 2026-03-27",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "less_than": "must be less than {lt}",
    "missing": "is missing",
    "string_too_long": "is too long",
}


def _for_people(error: Mapping[str, Any]) -> str:
    """One validator error as a person reads it: 'the area number must be a whole number'."""
    loc = error.get("loc") or ()
    name = str(loc[-1]) if loc else "value"
    what = name.removesuffix("_id") + " number" if name.endswith("_id") else name
    rule = _RULES.get(str(error.get("type")), "is not one this page knows")
    try:
        rule = rule.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        rule = "is not one this page knows"
    return f"the {what.replace('_', ' ')} {rule}"


def _problem(error: dict[str, object]) -> str:
    loc = error.get("loc", ())
    parts = loc[1:] if isinstance(loc, tuple | list) else ()
    where = ".".join(str(part) for part in parts) or "body"
    return f"{where}: {error.get('msg', 'invalid')}"
