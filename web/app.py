"""The web application: pages, the REST API under /api, static assets and the middleware."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from infra.runtime import Runtime
from web import errors
from web.api import router as api_router
from web.deps import menu_guard
from web.keys import session_secret
from web.routes import (
    account,
    admin,
    admin_access,
    admin_authorities,
    admin_people,
    admin_policy,
    area,
    area_actions,
    areas_list,
    auth,
    bulk_assign,
    carryover,
    chase,
    dashboard,
    exports,
    imports,
    inspections,
    inspector,
    my_areas,
    reports,
    review_pack,
)
from web.security import Hardening, check_csrf
from web.templating import TEMPLATES

STATIC = TEMPLATES.parent / "static"
SESSION_LIFETIME = timedelta(hours=8)
API_DESCRIPTION = """Development areas, progress updates, revised due dates and sign-off.

Authenticate with `Authorization: Bearer <token>`; `closeout token create EMAIL` prints one.
The same role rules apply as on the pages. Errors are JSON: `{"code": ..., "message": ...}`
with a stable `code`."""


def create_app(runtime: Runtime) -> FastAPI:
    """The app on the runtime's settings, database and clock; tests pass a runtime of their own."""
    settings = runtime.settings
    app = FastAPI(
        title="Closeout",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    # Requests read these three, each on its own, so a test may point one elsewhere.
    app.state.settings = settings
    app.state.engine = runtime.engine
    app.state.clock = runtime.clock
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings, runtime.engine, runtime.clock.now()),
        session_cookie="closeout_session",
        max_age=int(SESSION_LIFETIME.total_seconds()),
        same_site="lax",
        https_only=settings.base_url.startswith("https://"),
    )
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app)
    app.include_router(api_router)
    _mount_pages(app)
    return app


def _mount_pages(app: FastAPI) -> None:
    """The pages, out of the API's description, every form post checking its token and each
    page of the menu opening only for the roles whose menu holds it; and the calendar feeds,
    which a calendar program fetches with no session."""
    for module in (
        auth,
        my_areas,
        areas_list,  # /areas, the whole list; before area's /areas/{id}
        area,
        area_actions,
        chase,  # pause an area; be away; reminder settings
        dashboard,
        imports,
        inspections,
        bulk_assign,
        carryover,
        inspector,
        review_pack,
        reports,  # readiness reports kept by the weekly flow
        exports,
        account,
        admin,  # before admin_people: /admin/people/password is not a person's id
        admin_people,
        admin_policy,
        admin_access,  # inspectors' access: list, grant, shorten, end
        admin_authorities,  # rename an authority, merge another into it
    ):
        app.include_router(
            module.router,
            include_in_schema=False,
            dependencies=[Depends(check_csrf), Depends(menu_guard)],
        )
    app.include_router(exports.calendar_router)
