"""``signwatch serve``: the analyst's workbench in a browser, on the same config and store as every command."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from monitor.cli.app import app, console, database, settings

if TYPE_CHECKING:
    from monitor.config import Settings
    from monitor.store import Database


def run_workbench(config: Settings, db: Database, host: str, port: int) -> None:
    """Serve the workbench on ``host:port`` until interrupted (refused beyond loopback without a login)."""
    import uvicorn

    from monitor.workbench.app import create_app
    from monitor.workbench.security import check_listening

    check_listening(host, config.workbench)
    shown = f"[{host}]" if ":" in host else host
    console.print(f"signwatch workbench on http://{shown}:{port}/ (Ctrl-C stops it)", markup=False)
    uvicorn.run(
        create_app(config, db),
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,  # the client's address is the socket's, never a header's claim
    )


@app.command("serve")
def serve_command(
    host: str | None = typer.Option(None, "--host", help="Address to listen on (default: workbench.host, 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", min=1, max=65535, help="TCP port (default: workbench.port, 8000)."),
    hash_password: bool = typer.Option(
        False, "--hash-password", help="Read a password on stdin, print its hash for [workbench] and exit."
    ),
) -> None:
    """Open the workbench: events, articles, sources and subscriptions in a browser."""
    if hash_password:
        from monitor.errors import InputError
        from monitor.workbench.passwords import hash_password as make_hash

        secret = sys.stdin.readline().rstrip("\r\n")
        if len(secret) < 12:
            raise InputError("a workbench password must be at least 12 characters")
        sys.stdout.write(make_hash(secret) + "\n")
        return
    config = settings()
    from monitor.workbench.security import check_listening

    chosen_host = host or config.workbench.host
    check_listening(chosen_host, config.workbench)  # before the store is opened: a refusal is instant
    run_workbench(config, database(), chosen_host, port or config.workbench.port)
