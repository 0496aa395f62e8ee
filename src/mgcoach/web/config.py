"""How the web app runs: local (one user, no login, loopback only) or multi-user (accounts).

``check()`` refuses the unsafe combinations before a socket is opened: local mode anywhere but
loopback (it has no login), and multi-user mode on a public address without a configured secret.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..i18n import N_
from ..settings import Settings

SECRET_ENV = "MGCOACH_SECRET"
SECRET_FILE = "web-secret"
MIN_SECRET = 32
LOOPBACK_NAMES = ("localhost",)
MAX_BODY_BYTES = 256 * 1024
TIME_BUDGET_S = 10.0


class ServeError(InputError):
    code = "unsafe_serve"


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    multi_user: bool = False
    # Keys the session and token hashes; required for multi-user mode off loopback.
    secret: str | None = None
    allow_signup: bool = True
    # Secure cookies: None means "when not on loopback" (a proxy there terminates TLS).
    secure_cookies: bool | None = None
    # Host headers accepted (DNS-rebinding defence); None: loopback names in local mode.
    allowed_hosts: tuple[str, ...] | None = None
    settings: Settings = field(default_factory=Settings.from_env)
    # Worker threads for the sync endpoints. Python runs one thread at a time, so on a small
    # machine a few threads answer faster under load than the default 40 contending ones.
    threads: int = 4
    # The largest request body accepted (JSON and forms; the Data page's uploads have their
    # own larger limit): refused with 413 before it is read (web/middleware.py BodyLimit).
    max_body_bytes: int = MAX_BODY_BYTES
    # Seconds a heavy read (check, advice, day, plan, trend, food suggestions) may take before
    # it is answered with 503 (web/middleware.py TimeBudget).
    time_budget_s: float = TIME_BUDGET_S

    def check(self) -> None:
        if not 0 < self.port < 65536:
            raise ServeError(N_("A port is a number from 1 to 65535, not {port}."), port=self.port)
        if not self.multi_user and not is_loopback(self.host):
            raise ServeError(
                N_(
                    "Local mode has no login, so it listens on 127.0.0.1 only; "
                    "use --multi-user to serve {host}."
                ),
                host=self.host,
            )
        if self.multi_user and not is_loopback(self.host) and not self.secret:
            raise ServeError(
                N_(
                    "Multi-user mode on {host} needs a secret: set {env} "
                    "(at least {min} characters)."
                ),
                host=self.host,
                env=SECRET_ENV,
                min=MIN_SECRET,
            )
        if self.secret is not None and len(self.secret) < MIN_SECRET:
            raise ServeError(
                N_("The secret in {env} must be at least {min} characters."),
                env=SECRET_ENV,
                min=MIN_SECRET,
            )

    @property
    def cookies_secure(self) -> bool:
        if self.secure_cookies is not None:
            return self.secure_cookies
        return not is_loopback(self.host)

    @property
    def hosts(self) -> list[str]:
        if self.allowed_hosts is not None:
            return list(self.allowed_hosts)
        if self.multi_user and not is_loopback(self.host):
            return ["*"]  # behind a proxy the public name is not known here
        return ["127.0.0.1", "localhost", "[::1]", "::1"]


def configured_secret() -> str | None:
    return os.environ.get(SECRET_ENV) or None


def secret_for(config: WebConfig) -> str:
    """The configured secret, or (loopback) one kept in the data folder across restarts."""
    if config.secret:
        return config.secret
    path = Path(config.settings.data_dir) / SECRET_FILE
    try:
        if path.is_file():
            stored = path.read_text(encoding="ascii").strip()
            if len(stored) >= MIN_SECRET:
                return stored
        path.parent.mkdir(parents=True, exist_ok=True)
        made = secrets.token_urlsafe(48)
        path.write_text(made, encoding="ascii")
        path.chmod(0o600)
        return made
    except OSError:
        return secrets.token_urlsafe(48)  # sessions then last as long as the process
