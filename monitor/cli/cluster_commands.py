"""Distributed crawling: ``signwatch worker`` and ``signwatch cluster status``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.table import Table

import monitor
from monitor.cli.app import app, console, print_json, settings, state_config_path
from monitor.errors import ConfigError

cluster_app = typer.Typer(help="Distributed crawling: the shared Redis queue.", no_args_is_help=True)
app.add_typer(cluster_app, name="cluster")


def worker_command_line(config: Path | None, *, exit_when_idle: bool, idle_seconds: float, log_level: str) -> list[str]:
    """The command line of a crawl worker process (Scrapy lives in ``crawler``, never imported here)."""
    command = [sys.executable, "-m", "crawler.workers.worker", "--log-level", log_level]
    if config is not None:
        command += ["--config", str(config)]
    if exit_when_idle:
        command += ["--exit-when-idle", "--idle-seconds", str(idle_seconds)]
    return command


@app.command("worker")
def worker_command(
    exit_when_idle: bool = typer.Option(False, "--exit-when-idle", help="Exit once the cluster has nothing to do."),
    idle_seconds: float = typer.Option(30.0, "--idle-seconds", min=0, help="How long 'nothing to do' must last."),
    log_level: str = typer.Option("INFO", "--log-level", help="Worker log level (the log goes to stderr)."),
) -> None:
    """Crawl from the cluster's Redis queue into the configured database until SIGTERM."""
    current = settings()
    if not current.cluster.redis_url:
        raise ConfigError("signwatch worker needs [cluster] redis_url in the config")
    command = worker_command_line(
        state_config_path(), exit_when_idle=exit_when_idle, idle_seconds=idle_seconds, log_level=log_level
    )
    # The worker replaces this process, so SIGTERM from systemd reaches Scrapy directly.
    root = str(Path(monitor.__file__).resolve().parent.parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, command)


@cluster_app.command("status")
def status_command(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Queue lengths and workers of the cluster."""
    from monitor.running.workers import queue_status

    current = settings()
    if not current.cluster.redis_url:
        raise ConfigError("no cluster configured: set [cluster] redis_url in the config")
    status = queue_status(current)
    if as_json:
        print_json(status)
        return
    console.print(
        f"redis {status['redis']} prefix {status['prefix']}: start messages {status['start_messages']}, "
        f"queued requests {status['requests']}, in flight {status['in_flight']}, "
        f"runs with a dupefilter {status['runs_with_dupefilter']}",
        markup=False,
    )
    table = Table("worker", "alive", "in flight")
    for worker in status["workers"]:
        table.add_row(worker["worker"], "yes" if worker["alive"] else "no", str(worker["in_flight"]))
    if status["workers"]:
        console.print(table)
