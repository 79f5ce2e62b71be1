"""Fixtures for the notification tests: a real SMTP server and a real webhook receiver."""

from tests.notifications.http_receiver import http_receiver  # noqa: F401
from tests.notifications.smtp_server import smtp_server  # noqa: F401
