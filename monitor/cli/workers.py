"""The crawl shared by workers through Redis: ``signwatch worker`` and ``signwatch workers status``.

``signwatch cluster status``, the old name of ``workers status``, still
works until signwatch 0.3; it says so on stderr in one line first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

import monitor
from monitor.cli.app import app, console, print_json, settings, state_config_path, warn
from monitor.cli.output import print_rows
from monitor.errors import ConfigError, InputError

workers_app = typer.Typer(help="Crawl workers sharing Redis: the shared queue.", no_args_is_help=True)
app.add_typer(workers_app, name="workers")

# The old name of the group, kept working (and out of --help) until signwatch 0.3.
cluster_app = typer.Typer(help="Renamed 'workers' (this name works until signwatch 0.3).", no_args_is_help=True)
app.add_typer(cluster_app, name="cluster", hidden=True)


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
    exit_when_idle: bool = typer.Option(False, "--exit-when-idle", help="Exit once the workers have nothing to do."),
    idle_seconds: float = typer.Option(30.0, "--idle-seconds", min=0, help="How long 'nothing to do' must last."),
    log_level: str = typer.Option("INFO", "--log-level", help="Worker log level (the log goes to stderr)."),
) -> None:
    """Crawl from the workers' shared Redis queue into the configured database until SIGTERM."""
    from monitor.logs import LEVELS

    if log_level.upper() not in LEVELS:
        raise InputError(f"--log-level {log_level!r}: use one of {', '.join(LEVELS)}")
    current = settings()
    if not current.workers.redis_url:
        raise ConfigError("signwatch worker needs [workers] redis_url in the config")
    command = worker_command_line(
        state_config_path(), exit_when_idle=exit_when_idle, idle_seconds=idle_seconds, log_level=log_level.upper()
    )
    # The worker replaces this process, so SIGTERM from systemd reaches Scrapy directly.
    root = str(Path(monitor.__file__).resolve().parent.parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, command)


@workers_app.command("status")
def status_command(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Queue lengths of the shared Redis queue, and the workers."""
    from monitor.running.workers import queue_status

    current = settings()
    if not current.workers.redis_url:
        raise ConfigError("no workers configured: set [workers] redis_url in the config")
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
    if status["workers"]:
        print_rows(
            console,
            ("worker", "alive", "in flight"),
            ((w["worker"], "yes" if w["alive"] else "no", str(w["in_flight"])) for w in status["workers"]),
        )


@cluster_app.command("status", help="Renamed 'signwatch workers status' (this name works until signwatch 0.3).")
def cluster_status_command(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """The old name of ``signwatch workers status``: one line on stderr, then the same."""
    warn("'signwatch cluster status' is renamed 'signwatch workers status'; the old name works until signwatch 0.3")
    status_command(as_json=as_json)
