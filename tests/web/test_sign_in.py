"""Signing in and out: roles' start pages, reminder links, throttling, form tokens, sessions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI

from domain.accounts import people
from domain.accounts.sign_in_rules import MAX_FAILURES, MAX_FAILURES_PER_CLIENT
from tests.web.conftest import PASSWORD, Browser, World


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("lead", "/my-areas"),
        ("manager", "/dashboard"),
        ("director", "/dashboard"),
        ("inspector", "/inspector"),
        ("admin", "/dashboard"),
    ],
)
def test_each_role_starts_on_its_own_page(
    browser: Callable[..., Browser], world: World, role: str, start: str
) -> None:
    client = browser()
    response = client.sign_in(world.people[role].email)
    assert (response.status_code, response.headers["location"]) == (303, start)
    assert client.get(start).status_code == 200


def test_a_reminder_link_opens_the_area_after_signing_in(
    browser: Callable[..., Browser], world: World
) -> None:
    client = browser()
    link = f"/areas/{world.areas[0].id}"
    first = client.get(link)
    assert (first.status_code, first.headers["location"]) == (303, f"/sign-in?next={link}")
    page = client.get(first.headers["location"])
    assert f'name="next" value="{link}"' in page.text
    signed_in = client.submit(
        "/sign-in", {"email": world.people["lead"].email, "password": PASSWORD, "next": link}
    )
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, link)
    area = client.get(link)
    assert area.status_code == 200
    assert "Strategy discussions do not always include health colleagues" in area.text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_a_next_address_off_this_site_is_ignored(
    browser: Callable[..., Browser], world: World, target: str
) -> None:
    client = browser()
    client.get("/sign-in")
    response = client.submit(
        "/sign-in", {"email": world.people["lead"].email, "password": PASSWORD, "next": target}
    )
    assert response.headers["location"] == "/my-areas"


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_email(
    browser: Callable[..., Browser], world: World
) -> None:
    client = browser()
    response = client.sign_in(world.people["lead"].email, "not the password")
    assert response.status_code == 401
    assert "<title>Error: Sign in – Closeout</title>" in response.text
    assert '<a href="#password">Enter a correct email address and password</a>' in response.text
    assert f'value="{world.people["lead"].email}"' in response.text


def test_empty_fields_are_named_in_the_error_summary(browser: Callable[..., Browser]) -> None:
    client = browser()
    client.get("/sign-in")
    response = client.submit("/sign-in", {"email": "", "password": ""})
    assert response.status_code == 422
    assert '<a href="#email">Enter your email address</a>' in response.text
    assert '<a href="#password">Enter your password</a>' in response.text


def test_sign_in_pauses_after_repeated_wrong_passwords(
    browser: Callable[..., Browser], world: World
) -> None:
    client = browser()
    for _ in range(MAX_FAILURES):
        assert client.sign_in(world.people["lead"].email, "wrong guess here").status_code == 401
    paused = client.sign_in(world.people["lead"].email)
    assert paused.status_code == 429
    assert "Too many wrong passwords" in paused.text


def test_a_form_without_its_token_is_refused(browser: Callable[..., Browser]) -> None:
    client = browser()
    client.get("/sign-in")
    response = client.client.post("/sign-in", data={"email": "a@b.c", "password": "x"})
    assert response.status_code == 403
    assert "did not come from this service" in response.text


def test_signing_out_ends_the_session(browser: Callable[..., Browser]) -> None:
    client = browser("lead")
    assert client.submit("/sign-out").headers["location"] == "/sign-in"
    assert client.get("/my-areas").status_code == 303


def test_a_new_password_ends_other_sign_ins(browser: Callable[..., Browser], world: World) -> None:
    elsewhere = browser("lead")
    here = browser("lead")
    changed = here.submit(
        "/account/password",
        {"current_password": PASSWORD, "new_password": "violet harbour kettle"},
    )
    assert changed.status_code == 303
    assert here.get("/my-areas").status_code == 200
    assert elsewhere.get("/my-areas").status_code == 303


def test_an_inactive_person_is_signed_out(browser: Callable[..., Browser], world: World) -> None:
    client = browser("lead")
    with world.session() as s:
        lead = people.get_person(s, world.people["lead"].email)
        lead.active = False
        s.add(lead)
        s.commit()
    assert client.get("/my-areas").status_code == 303


def test_every_page_carries_the_security_headers(browser: Callable[..., Browser]) -> None:
    response = browser().get("/sign-in")
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    browser: Callable[..., Browser], world: World
) -> None:
    lead = browser("lead")
    huge = b"%PDF-" + b"0" * (12 * 1024 * 1024)
    response = lead.submit(
        f"/areas/{world.areas[0].id}/updates",
        {"version": "1"},
        files={"evidence_file": ("big.pdf", huge, "application/pdf")},
    )
    assert response.status_code == 413


def test_one_address_trying_many_emails_is_paused_without_naming_any(
    app: FastAPI, world: World
) -> None:
    office = Browser(app, address="203.0.113.7")
    for n in range(MAX_FAILURES_PER_CLIENT):
        assert office.sign_in(f"guess{n}@example.org", "wrong guess here").status_code == 401
    known = office.sign_in(world.people["lead"].email)
    unknown = office.sign_in("nobody@example.org")
    assert known.status_code == unknown.status_code == 429
    message = "Too many wrong passwords from this network; try again in 15 minute(s)"
    assert f'<a href="#password">{message}</a>' in known.text
    assert f'<a href="#password">{message}</a>' in unknown.text
    assert known.headers["retry-after"] == unknown.headers["retry-after"]
    elsewhere = Browser(app, address="198.51.100.20")
    assert elsewhere.sign_in(world.people["lead"].email).status_code == 303
