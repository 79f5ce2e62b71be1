"""The one place that turns domain errors into exit codes and one-line messages."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from domain.errors import DomainError

# Every domain error is the caller's to fix, so all share exit code 2 (as click's usage
# errors do); 1 stays for unexpected failures and 3 for deliveries that failed.
EXIT_BAD_INPUT = 2
EXIT_DELIVERY_FAILED = 3


def exit_code_for(error: DomainError) -> int:
    """The exit code a domain error ends the command with."""
    return EXIT_BAD_INPUT


class CloseoutGroup(TyperGroup):
    """A command group that reports any DomainError as `error: <message>` on stderr."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(exit_code_for(error)) from None
