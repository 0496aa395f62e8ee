"""`mgcoach serve`: the web app under uvicorn (local mode by default).

The listening socket is bound here, before anything is printed, so a busy port is one
translated line and a non-zero exit instead of "running at …" followed by uvicorn's own error.
No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

import errno
import ipaddress
import socket
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import MgCoachError
from ..i18n import N_, _
from .output import console
from .root import Lang, app, check_lang

if TYPE_CHECKING:
    import uvicorn


class ServeError(MgCoachError):
    """The web app cannot listen where it was asked to (the port is taken, the address is not
    this machine's)."""

    code = "cannot_listen"
    exit_code = 69  # EX_UNAVAILABLE: the service cannot be started


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port``, ready for uvicorn; ServeError when it cannot be."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        # As uvicorn does: a port just left by a stopped server can be taken again at once.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                N_(
                    "Port {port} on {host} is already in use: stop what uses it or choose "
                    "another with --port."
                ),
                port=str(port),
                host=host,
            ) from error
        raise ServeError(
            N_("Cannot listen on {host} port {port}: {error}."),
            host=host,
            port=str(port),
            error=error.strerror or str(error),
        ) from error
    sock.set_inheritable(True)
    return sock


def trusted_proxies(value: str | None) -> str:
    """The --forwarded-allow-ips list, checked: addresses or networks, comma-separated, or *
    (every client: only behind a proxy that every request passes). Empty: none."""
    entries = [part.strip() for part in (value or "").split(",") if part.strip()]
    for entry in entries:
        if entry == "*":
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ServeError(
                N_("{value} is not an address or network for --forwarded-allow-ips."),
                value=entry,
            ) from error
    return ",".join(entries)


def server_config(
    web_app: Any, host: str, port: int, proxies: str, workers: int = 1
) -> "uvicorn.Config":
    """uvicorn's settings. X-Forwarded-For and X-Forwarded-Proto are believed only from the
    ``proxies`` given (none by default, whatever FORWARDED_ALLOW_IPS says): otherwise any
    client could choose the address the rate limits count it under. Several ``workers`` each
    build the app from ``web_app``, an app factory's import string (web/workers.py)."""
    import uvicorn

    return uvicorn.Config(
        web_app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
        workers=workers,
        factory=workers > 1,
    )


WORKER_APP = "mgcoach.web.workers:worker_app"


def _run(settings: "uvicorn.Config", sock: socket.socket) -> None:
    """Serve on ``sock``: in this process, or in ``settings.workers`` processes sharing it."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    try:
        if settings.workers > 1:
            Multiprocess(settings, sockets=[sock]).run()
        else:
            uvicorn.Server(settings).run(sockets=[sock])
    finally:
        sock.close()


@app.command(help=N_("Start the web app (local: one user, no login, on 127.0.0.1)."))
def serve(
    host: Annotated[str, typer.Option(help=N_("Address to listen on."))] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=N_("Port to listen on."))] = 8000,
    multi_user: Annotated[
        bool,
        typer.Option(help=N_("Accounts with passwords; needs MGCOACH_SECRET off loopback.")),
    ] = False,
    signup: Annotated[
        bool, typer.Option(help=N_("Let visitors create accounts (multi-user mode)."))
    ] = True,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help=N_(
                "Reverse proxies whose X-Forwarded-For is believed (addresses or networks, "
                "comma-separated). Default: none, so the client address is the connection's."
            )
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            help=N_("Server processes: more answer more requests at once on several cores.")
        ),
    ] = 1,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    proxies = trusted_proxies(forwarded_allow_ips)

    from ..web.app import create_app
    from ..web.config import WebConfig, configured_secret
    from ..web.workers import check_workers, prepare, settle_memory

    config = WebConfig(
        host=host,
        port=port,
        multi_user=multi_user,
        secret=configured_secret(),
        allow_signup=signup,
    )
    check_workers(workers, config.settings)
    if workers > 1:
        config.check()
        prepare(config)  # the database and the secret, once for all the workers
    web_app = WORKER_APP if workers > 1 else create_app(config)
    if workers == 1:
        settle_memory()  # each worker does it for itself (web/workers.py)
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    mode = _("multi-user") if multi_user else _("local, one user")
    console.print(
        _("Mg Coach is running at {url} ({mode}). Stop it with Ctrl+C.").format(
            url=f"http://{shown}:{port}", mode=mode
        )
    )
    _run(server_config(web_app, host, port, proxies, workers), sock)
