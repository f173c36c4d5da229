"""``signwatch daemon``: the long-running scheduler for systemd (APScheduler, one job per source)."""

from __future__ import annotations

import typer

from monitor.cli.app import app, report_notices, state_config_path
from monitor.logs import setup_logging


@app.command("daemon")
def daemon_command(
    grace: float = typer.Option(30.0, "--grace", min=0, help="Seconds running crawls get to finish on SIGTERM."),
    delivery_interval: float = typer.Option(60.0, "--delivery-interval", min=1, help="Seconds between outbox runs."),
    startup_window: float = typer.Option(
        45.0,
        "--startup-window",
        min=0,
        help="New and overdue sources start spread over at least this many seconds"
        " (half a second per source when they need more, never past a source's interval).",
    ),
    gather_window: float = typer.Option(
        5.0, "--gather-window", min=0, help="Sources falling due within this many seconds share one crawl process."
    ),
) -> None:
    """Run the scheduler: one job per source, plus outbox delivery every minute."""
    from monitor.running.daemon import Daemon

    setup_logging()
    daemon = Daemon(
        state_config_path(),
        grace=grace,
        delivery_interval=delivery_interval,
        startup_window=startup_window,
        gather_window=gather_window,
    )
    # The daemon loads the config itself; its notices are said once, at start (not again on reload).
    report_notices(daemon.settings)
    raise typer.Exit(daemon.serve())
