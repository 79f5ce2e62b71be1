"""What routes depend on: a database session, the clock, and who is asking (page or API)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session
from starlette.datastructures import FormData

from domain.accounts import services as accounts
from domain.accounts.credentials import TokenPurpose
from domain.accounts.models import Person
from domain.calendar import london_date
from domain.errors import NotAuthenticated, NotPermitted
from domain.permissions import Action, Actor, Scope, is_allowed, may_administer
from domain.vocabulary import Role
from web.errors import SignInRequired
from web.menu import BY_HREF


@dataclass(frozen=True)
class Viewer:
    """The signed-in person as the rules see them, at the moment of the request."""

    person: Person
    actor: Actor
    now: datetime
    today: date

    @property
    def role(self) -> Role:
        return self.person.role

    def can(self, action: Action, scope: Scope) -> bool:
        """Whether the rules allow `action` in `scope` (used to offer, not to enforce)."""
        return is_allowed(self.actor, action, scope)

    @property
    def is_admin(self) -> bool:
        return may_administer(self.actor, self.actor.authority_id)


def get_db(request: Request) -> Iterator[Session]:
    """A session for one request; whatever a service did not commit is rolled back."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


Db = Annotated[Session, Depends(get_db)]


def client_address(request: Request) -> str | None:
    """The address the request came from: the connecting one, or the client a trusted
    proxy names in X-Forwarded-For (uvicorn applies CLOSEOUT_TRUSTED_PROXIES)."""
    return request.client.host if request.client else None


# The session key of the authority an inspector chose to read among their grants.
INSPECTING = "inspecting"


def _viewer(request: Request, db: Session, person: Person, chosen: int | None = None) -> Viewer:
    now = request.app.state.clock.now()
    today = london_date(now)
    viewer = Viewer(person, accounts.actor_on(db, person, today, chosen), now, today)
    # Detached, so an error page rendered after the session has closed can still name them.
    db.expunge(person)
    request.state.viewer = viewer
    return viewer


def signed_in_person(request: Request, db: Session) -> Person | None:
    """The active person this browser's session names, if its mark still matches theirs: a
    new password or signing out (anywhere) moves the mark on and ends the session."""
    person_id = request.session.get("person")
    person = db.get(Person, person_id) if isinstance(person_id, int) else None
    if person is None or not person.active:
        return None
    return person if request.session.get("mark") == accounts.session_mark(person) else None


def page_viewer(request: Request, db: Db) -> Viewer:
    """The person signed in to this browser, or a redirect to the sign-in page."""
    person = signed_in_person(request, db)
    if person is None:
        request.session.pop("person", None)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(target if request.method == "GET" else request.url.path)
    chosen = request.session.get(INSPECTING)
    return _viewer(request, db, person, chosen if isinstance(chosen, int) else None)


_bearer = HTTPBearer(auto_error=False, description="A token from `closeout token create EMAIL`")


def api_viewer(
    request: Request,
    db: Db,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Viewer:
    """The person whose bearer token came with the request."""
    if credentials is None:
        raise NotAuthenticated(
            "this API needs an Authorization: Bearer header; "
            "create a token with `closeout token create EMAIL`"
        )
    now = request.app.state.clock.now()
    person = accounts.person_for_token(
        db, secret=credentials.credentials, purpose=TokenPurpose.API, now=now
    )
    return _viewer(request, db, person)


PageViewer = Annotated[Viewer, Depends(page_viewer)]


def require_page(viewer: Viewer, href: str) -> None:
    """403 unless `href`, a page of the menu, is in the viewer's menu (web/menu.py)."""
    item = BY_HREF[href]
    if viewer.role not in item.roles:
        raise NotPermitted(
            f"this page is for {item.meant_for}; use the links at the top of the page "
            "to find your own pages"
        )


def menu_guard(request: Request, db: Db) -> None:
    """Every page route's guard: a page of the menu opens only for the roles whose menu
    holds it, whatever the route itself checks; other addresses pass untouched."""
    if request.method == "GET" and request.url.path in BY_HREF:
        require_page(page_viewer(request, db), request.url.path)


ApiViewer = Annotated[Viewer, Depends(api_viewer)]


async def posted_form(request: Request) -> FormData:
    """The fields of a form post (parsed once per request, and read already by the token check)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]

# Ids are 32-bit in every table: larger numbers are refused before reaching the database.
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
