"""The signwatch config that crawls the mirror: a ``[crawler]`` table and one source per site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from monitor.demo.mirror.sites import SITES
from monitor.demo.mirror.templates import listing_path


def sources_toml(
    base: str,
    host: str,
    data_dir: str | Path,
    *,
    revisit_days: int = 2,
    include_trouble: bool = False,
    crawler: dict[str, Any] | None = None,
) -> str:
    """A complete signwatch config whose sources are the sites of the mirror at ``base`` on ``host``.

    ``crawler`` overrides values of the ``[crawler]`` table (e.g. ``{"timeout": 1.0}``).
    """
    table: dict[str, Any] = {
        "contact": base + "/about.html",
        "download_delay": 0.0,
        "concurrency_per_domain": 8,
        "timeout": 5.0,
        "retries": 2,
        "max_page_bytes": 1048576,
        "crawl_timeout": 600.0,
        **(crawler or {}),
    }
    lines = [f"data_dir = {_quote(str(data_dir))}", "", "[crawler]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    starts = {style.name: listing_path(style, 1) for style in SITES}
    for style in SITES:
        lines += [
            "",
            "[[sources]]",
            f'name = "mirror-{style.name}"',
            f'type = "{style.site_type}"',
            f"start_urls = [{_quote(base + starts[style.name])}]",
            f'allowed_domains = ["{host}"]',
            'schedule = "30m"',
            "page_limit = 100000",
            f"revisit_days = {revisit_days}",
        ]
        if style.site_type == "generic":
            lines += [
                'link_css = "ul.news-list a.title"',
                f"feeds = [{_quote(base + '/generic/feed.xml')}]",
            ]
    if include_trouble:
        lines += [
            "",
            "[[sources]]",
            'name = "mirror-trouble"',
            'type = "generic"',
            f"start_urls = [{_quote(base + '/trouble/news/')}]",
            f'allowed_domains = ["{host}"]',
            'link_css = "ul.news-list a.title"',
            "page_limit = 100",
        ]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax.
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _quote(str(value))
