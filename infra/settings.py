"""Settings read from the environment (CLOSEOUT_*) with embedded defaults that work offline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from infra.private_files import private_folder

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything configurable; secrets are SecretStr so they never print by accident."""

    model_config = SettingsConfigDict(env_prefix="CLOSEOUT_", env_file=".env", extra="ignore")

    var_dir: Path = ROOT / "var"
    database_url: SecretStr | None = None
    email_url: SecretStr | None = None  # Apprise mailto:// or mailtos:// relay, no recipients
    apprise_config: Path | None = None  # extra targets by tag (Teams, Slack, webhooks)
    email_from: str = "closeout@localhost"
    base_url: str = "http://127.0.0.1:8000"
    session_secret: SecretStr | None = None
    delivery_attempts: int = 3
    delivery_concurrency: int = 8
    delivery_retries: int = 2  # Prefect retries of a run's delivery step, for transient errors
    delivery_retry_delay_seconds: float = 20
    # After this a crashed run's claimed reminders are taken over (fractions for drills).
    claim_lease_minutes: float = 30
    # How long a run keeps trying to record what it has just sent while the database cannot be
    # reached (a restart): within it nothing already sent is sent again.
    record_patience_seconds: float = Field(default=120, ge=0)
    # Above 1, the deployed daily check runs as this many batches of authorities, each a
    # flow run of its own on the work pool; 1 plans and delivers the day in one process.
    daily_check_batches: int = Field(default=1, ge=1, le=64)
    prefect_port: int = 4200  # the local Prefect server that `closeout run` starts
    # Addresses of reverse proxies whose X-Forwarded-For names the client, comma-separated
    # ("10.0.0.5,10.0.0.6", or "*" for any). Empty: the connecting address is the client, so
    # behind a proxy every sign-in would count against the proxy's one address.
    trusted_proxies: str = ""
    # Replies to digests. With an address and a secret set, each digest's Reply-To is the
    # address with a signed token after a "+" in its local part (closeout+TOKEN@domain), and
    # a reply's new text is recorded as progress. Tokens last `reply_token_days` days.
    reply_address: str | None = None  # e.g. closeout@replies.eastmere.example
    reply_secret: SecretStr | None = None  # signs reply tokens (HMAC-SHA256)
    reply_token_days: int = 30
    # The mailbox the inbound-mail flow polls: imap:// or imaps://user:password@host[:port]
    # with an optional /FOLDER (INBOX when none). A handled message is moved to
    # `inbound_imap_done_folder`, or only flagged (seen) when that is empty.
    inbound_imap_url: SecretStr | None = None
    inbound_imap_done_folder: str = "Closeout-handled"
    inbound_imap_timeout_seconds: float = 30

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, defaulting to SQLite at var/closeout.db."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.var_dir / 'closeout.db'}"

    @property
    def outbox_dir(self) -> Path:
        return self.var_dir / "outbox"

    @property
    def prefect_home(self) -> Path:
        return self.var_dir / "prefect"

    @property
    def evidence_dir(self) -> Path:
        """Where evidence files were kept before they moved into the database."""
        return self.var_dir / "evidence"


def served_at(settings: Settings, host: str, port: int) -> Settings:
    """The settings of a web app listening on `host`:`port`: unless CLOSEOUT_BASE_URL names
    the address people use (a proxy's, say), links in its pages follow where it listens."""
    if "base_url" in settings.model_fields_set:
        return settings
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"  # every address: the loopback one works on this machine
    elif ":" in host:
        host = f"[{host}]"
    return settings.model_copy(update={"base_url": f"http://{host}:{port}"})


def prepare_var_dir(settings: Settings) -> Path:
    """The var folder, made owner-only (with any missing parents) when it is not there yet;
    OSError when it cannot be made."""
    return private_folder(settings.var_dir)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read once per process."""
    return Settings()
