"""Every error the domain raises, each with a stable code and a one-line message.

The hierarchy::

    DomainError                      base; `code` is stable, `message` names the value
    ├── NotFound                     an id or name that is not recorded
    │   ├── AuthorityNotFound
    │   ├── PersonNotFound
    │   ├── InspectionNotFound
    │   ├── AreaNotFound
    │   ├── ImportNotFound
    │   ├── DueDateChangeNotFound
    │   └── TokenNotFound
    ├── InvalidInput                 a value that does not parse or is out of range
    │   ├── InvalidDate
    │   ├── InvalidChoice            a value outside a fixed set (role, kind, status, RAG)
    │   ├── InvalidTimescale
    │   ├── DueDateBeforeInspection
    │   ├── MissingReason            an override or change that needs a recorded reason
    │   ├── MissingEvidence          a sign-off the authority wants evidence for first
    │   ├── InvalidPlanRows          a spreadsheet plan with bad rows (lists every one)
    │   ├── InvalidCarryOver         a link or carry-over decision the inspections do not allow
    │   ├── InvalidEvidenceFile      an uploaded file of a type or size not accepted
    │   ├── InvalidPolicy            reminder policy settings not known or out of range
    │   └── WeakPassword             a password too short or too common to set
    ├── Conflict                     the request clashes with what is recorded
    │   ├── DuplicateRecord
    │   ├── InvalidTransition        a status change the workflow does not allow
    │   ├── StaleVersion             someone else updated the area first
    │   ├── AlreadyDecided           a due-date request that was approved or rejected already
    │   ├── CarryOverDecided         a link or earlier area whose carry-over is decided already
    │   └── AreaClosed               a closed area that carrying over would reopen
    ├── NotPermitted                 the person's role does not allow the action
    └── NotAuthenticated             no valid sign-in, password or token
        └── TooManyAttempts          sign-in paused after repeated wrong passwords
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """Base of every domain error; `code` is stable for scripts and the API.

    `field`, when given, names the argument the error is about (as a form names its field).
    """

    code = "domain_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """Something asked for by id, name or email is not recorded."""

    code = "not_found"


class AuthorityNotFound(NotFound):
    """No authority has that name or id."""

    code = "authority_not_found"


class PersonNotFound(NotFound):
    """No person has that email or id."""

    code = "person_not_found"


class InspectionNotFound(NotFound):
    """No inspection has that id."""

    code = "inspection_not_found"


class AreaNotFound(NotFound):
    """No development area has that id."""

    code = "area_not_found"


class ImportNotFound(NotFound):
    """An uploaded document waiting to be recorded that is not held (or not the reader's)."""

    code = "import_not_found"


class DueDateChangeNotFound(NotFound):
    """No due-date change has that id."""

    code = "due_date_change_not_found"


class InvalidInput(DomainError):
    """A value does not parse or lies outside what is valid."""

    code = "invalid_input"


class InvalidDate(InvalidInput):
    """A date that does not parse as YYYY-MM-DD (or a known written form)."""

    code = "invalid_date"


class InvalidChoice(InvalidInput):
    """A value outside a fixed set of choices."""

    code = "invalid_choice"

    def __init__(self, what: str, value: object, choices: Sequence[str]) -> None:
        super().__init__(f"{what} {value!r} is not valid; use one of: {', '.join(choices)}")


class InvalidTimescale(InvalidInput):
    """A timescale that the rules cannot turn into a due date."""

    code = "invalid_timescale"


class DueDateBeforeInspection(InvalidInput):
    """A due date earlier than the inspection it follows."""

    code = "due_date_before_inspection"


class MissingReason(InvalidInput):
    """A RAG override, due-date change or rejected request given without a reason."""

    code = "missing_reason"


class MissingEvidence(InvalidInput):
    """A sign-off of a priority action with no evidence, where the authority asks for it first."""

    code = "missing_evidence"


class InvalidPlanRows(InvalidInput):
    """A spreadsheet plan with one or more bad rows; `problems` lists every one."""

    code = "invalid_plan_rows"

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"{source}: {len(self.problems)} bad row(s), nothing imported: "
            + "; ".join(self.problems)
        )


class Conflict(DomainError):
    """The request clashes with what is already recorded."""

    code = "conflict"


class DuplicateRecord(Conflict):
    """Something with the same unique name, email or fingerprint is recorded already."""

    code = "duplicate"


class InvalidTransition(Conflict):
    """A status change the workflow does not allow."""

    code = "invalid_transition"


class StaleVersion(Conflict):
    """The area changed since the caller read it; their change was not applied."""

    code = "stale_version"


class AlreadyDecided(Conflict):
    """A due-date request that has been approved or rejected already."""

    code = "already_decided"


class NotPermitted(DomainError):
    """The person's role or authority does not allow the action."""

    code = "not_permitted"


class InvalidCarryOver(InvalidInput):
    """A carry-over link or decision that the two areas' inspections do not allow."""

    code = "invalid_carry_over"


class CarryOverDecided(Conflict):
    """A link, or an earlier area, whose carry-over someone has decided already."""

    code = "carry_over_decided"


class AreaClosed(Conflict):
    """A closed area: carrying it over would silently undo the decision that closed it."""

    code = "area_closed"


class TokenNotFound(NotFound):
    """No live token has that id."""

    code = "token_not_found"


class InvalidEvidenceFile(InvalidInput):
    """An uploaded evidence file of a type or size that is not accepted."""

    code = "invalid_evidence_file"


class InvalidPolicy(InvalidInput):
    """Reminder policy settings refused; `problems` maps each setting's name to what is wrong,
    worded to follow the setting's name or label ("must be a whole number from 0 to 250")."""

    code = "invalid_policy"

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(
            "; ".join(f"policy setting {name!r} {problem}" for name, problem in problems.items())
        )


class WeakPassword(InvalidInput):
    """A password too short or too easily guessed to set."""

    code = "weak_password"


class NotAuthenticated(DomainError):
    """No valid sign-in: an unknown email, a wrong password, or a missing or revoked token."""

    code = "not_authenticated"


class TooManyAttempts(NotAuthenticated):
    """Sign-in for an email is paused after repeated wrong passwords; `retry_after` seconds."""

    code = "too_many_attempts"

    def __init__(self, message: str, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after
