"""`mgcoach serve`: the web app under uvicorn (local mode by default)."""

from typing import Annotated, Any

import typer

from ..i18n import _
from .output import console


def register_serve(app: typer.Typer, lang_type: Any, check_lang: Any) -> None:
    @app.command(help=_("Start the web app (local: one user, no login, on 127.0.0.1)."))
    def serve(
        host: Annotated[str, typer.Option(help=_("Address to listen on."))] = "127.0.0.1",
        port: Annotated[int, typer.Option(help=_("Port to listen on."))] = 8000,
        multi_user: Annotated[
            bool,
            typer.Option(help=_("Accounts with passwords; needs MGCOACH_SECRET off loopback.")),
        ] = False,
        signup: Annotated[
            bool, typer.Option(help=_("Let visitors create accounts (multi-user mode)."))
        ] = True,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        import uvicorn

        from ..web.app import create_app
        from ..web.config import WebConfig, configured_secret

        config = WebConfig(
            host=host,
            port=port,
            multi_user=multi_user,
            secret=configured_secret(),
            allow_signup=signup,
        )
        web_app = create_app(config)
        shown = f"[{host}]" if ":" in host else host
        mode = _("multi-user") if multi_user else _("local, one user")
        console.print(
            _("Mg Coach is running at {url} ({mode}). Stop it with Ctrl+C.").format(
                url=f"http://{shown}:{port}", mode=mode
            )
        )
        uvicorn.run(web_app, host=host, port=port, log_level="warning", access_log=False)
