"""Fixtures for the reply tests: the flow tests' runtime, the SMTP receiver and a Dovecot
mailbox."""

from tests.dovecot import imap_server  # noqa: F401
from tests.flows.conftest import runtime, var_dir  # noqa: F401
from tests.notifications.smtp_server import smtp_server  # noqa: F401
