"""The one place that turns domain errors into exit codes and one-line messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import (  # typer's own click
    MissingParameter,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperGroup

from cli.context import settings_problem
from domain.errors import DomainError

# Every domain error is the caller's to fix, so all share exit code 2 (as click's usage
# errors do); 1 stays for unexpected failures and 3 for deliveries that failed.
EXIT_BAD_INPUT = 2
EXIT_DELIVERY_FAILED = 3


def exit_code_for(error: DomainError) -> int:
    """The exit code a domain error ends the command with."""
    return EXIT_BAD_INPUT


def refuse(message: str) -> typer.Exit:
    """Say `error: <message>` on stderr; the caller raises what this returns (exit 2)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def is_utf8(text: str) -> bool:
    """Whether `text` came from UTF-8 bytes (Python hands on other bytes as lone surrogates,
    which no database, message or file name written by Closeout can hold)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str) -> str:
    """`text` quoted for a message, any bytes that are not UTF-8 written as \\xNN."""
    return "'" + text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") + "'"


def not_utf8(args: Sequence[str]) -> str | None:
    """The first argument that is not UTF-8 text, as a message; None when all are. Such an
    argument is refused before any command runs."""
    for index, arg in enumerate(args):
        if not is_utf8(arg):
            before = args[index - 1] if index else ""
            named = f"{before} " if before.startswith("--") and not arg.startswith("-") else ""
            return f"{named}{shown(arg)} is not UTF-8 text; give every argument in UTF-8"
    return None


def usage_line(error: UsageError) -> str:
    """A usage error (a bad value, an unknown option) as one line, pointing at --help."""
    message = " ".join(error.format_message().split())
    message = message[:1].lower() + message[1:]
    says_what_is_valid = isinstance(error, typer.BadParameter)
    if says_what_is_valid and not isinstance(error, MissingParameter):
        return message.rstrip(".")
    where = error.ctx.command_path if error.ctx is not None else "closeout"
    return f"{message.rstrip('.')}; see '{where} --help'"


class CloseoutGroup(TyperGroup):
    """A command group that reports any DomainError, bad value or argument that is not UTF-8
    as `error: <message>` on stderr, one line, exit code 2."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if problem := not_utf8(args):
            raise refuse(problem)
        try:
            rest = super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            raise refuse(usage_line(error)) from None
        if "--help" not in args and (problem := settings_problem()):
            raise refuse(problem)
        return rest

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(exit_code_for(error)) from None
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            raise refuse(usage_line(error)) from None
