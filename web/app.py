"""The web application: pages, the REST API under /api, static assets and the middleware."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.middleware.sessions import SessionMiddleware

from infra.db import get_engine
from infra.settings import Settings, get_settings
from web import errors
from web.api import router as api_router
from web.deps import Clock
from web.keys import session_secret
from web.routes import (
    account,
    admin,
    admin_people,
    admin_policy,
    area,
    area_actions,
    auth,
    dashboard,
    exports,
    inspections,
    inspector,
    my_areas,
    review_pack,
)
from web.security import Hardening
from web.templating import TEMPLATES

STATIC = TEMPLATES.parent / "static"
SESSION_LIFETIME = timedelta(hours=8)
API_DESCRIPTION = """Development areas, progress updates, revised due dates and sign-off.

Authenticate with `Authorization: Bearer <token>`; `closeout token create EMAIL` prints one.
The same role rules apply as on the pages. Errors are JSON: `{"code": ..., "message": ...}`
with a stable `code`."""


def create_app(
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """The app on the configured database; tests pass their own engine and clock."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Closeout",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or get_engine()
    app.state.clock = clock or Clock()
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie="closeout_session",
        max_age=int(SESSION_LIFETIME.total_seconds()),
        same_site="lax",
        https_only=settings.base_url.startswith("https://"),
    )
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.include_router(api_router)
    for module in (
        auth,
        my_areas,
        area,
        area_actions,
        dashboard,
        inspections,
        inspector,
        review_pack,
        exports,
        account,
        admin,  # before admin_people: /admin/people/password is not a person's id
        admin_people,
        admin_policy,
    ):
        app.include_router(module.router)
    app.include_router(exports.calendar_router)
    return app
