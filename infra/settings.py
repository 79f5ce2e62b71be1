"""Settings read from the environment (CLOSEOUT_*) with embedded defaults that work offline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
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
    claim_lease_minutes: int = 30  # after this a crashed run's claimed reminders are taken over
    prefect_port: int = 4200  # the local Prefect server that `closeout run` starts
    # Addresses of reverse proxies whose X-Forwarded-For names the client, comma-separated
    # ("10.0.0.5,10.0.0.6", or "*" for any). Empty: the connecting address is the client, so
    # behind a proxy every sign-in would count against the proxy's one address.
    trusted_proxies: str = ""

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
    def reports_dir(self) -> Path:
        return self.var_dir / "reports"

    @property
    def prefect_home(self) -> Path:
        return self.var_dir / "prefect"

    @property
    def evidence_dir(self) -> Path:
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
