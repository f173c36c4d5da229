"""``signwatch mirror``: serve the bundled offline mirror sites, and write a config that crawls them."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from monitor.cli.app import app, console
from monitor.errors import InputError


@app.command("mirror")
def mirror(
    port: int = typer.Option(8800, "--port", "-p", help="Port to listen on (0: any free port)."),
    sources_out: Path | None = typer.Option(None, "--sources-out", help="Write a complete config for the mirror here."),
    data_dir: Path = typer.Option(Path("signwatch-mirror-data"), "--data-dir", help="data_dir of the written config."),
    articles: int = typer.Option(20, "--articles", help="Generated articles per site."),
    seed: int = typer.Option(0, "--seed", help="Seed of the article generator."),
    revisit_days: int = typer.Option(2, "--revisit-days", help="revisit_days of the written sources."),
) -> None:
    """Serve the offline mirror sites until interrupted."""
    from monitor.demo.mirror import MirrorServer
    from monitor.demo.mirror.sites import SITES, THEME_SITES

    server = MirrorServer(articles_per_site=articles, seed=seed, port=port)
    base = server.start()
    try:
        if sources_out is not None:
            # Written before anything is said: a path that cannot be written is one error line.
            try:
                server.write_config(sources_out, data_dir.resolve(), revisit_days=revisit_days, include_themes=True)
            except OSError as error:
                raise InputError(f"--sources-out {sources_out}: cannot write: {error.strerror or error}") from None
        sites = ", ".join(style.name for style in (*SITES, *THEME_SITES))
        console.print(f"mirror serving {base} ({sites}, trouble); Ctrl-C stops it", markup=False)
        if sources_out is not None:
            console.print(
                f"config written: {sources_out}  (signwatch --config {sources_out} crawl --all)", markup=False
            )
        console.print(f"publish: curl -X POST '{base}/_mirror/publish?site=zblog'", markup=False)
        console.print(f"edit:    curl -X POST '{base}/_mirror/edit?site=zblog&id=1'", markup=False)
        while True:
            time.sleep(3600)
    finally:
        server.stop()
