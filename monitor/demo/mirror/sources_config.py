"""The signwatch config that crawls the mirror: a ``[crawler]`` table and one source per site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from monitor.demo.mirror.sites import SITES, THEME_SITES
from monitor.demo.mirror.templates import SiteStyle, listing_path


def sources_toml(
    base: str,
    host: str,
    data_dir: str | Path,
    *,
    revisit_days: int = 2,
    include_trouble: bool = False,
    include_themes: bool = False,
    crawler: dict[str, Any] | None = None,
) -> str:
    """A complete signwatch config whose sources are the sites of the mirror at ``base`` on ``host``.

    ``crawler`` overrides values of the ``[crawler]`` table (e.g. ``{"timeout": 1.0}``).
    ``include_themes`` adds one source per themed site (real CMS structures), of the theme's site type.
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
    for style in THEME_SITES if include_themes else ():
        lines += theme_source(style, base, host, revisit_days)
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


def theme_source(
    style: SiteStyle, base: str, host: str, revisit_days: int, *, name: str = "", site_type: str = "", pattern: str = ""
) -> list[str]:
    """The TOML lines of a source crawling a themed site (by default of its theme's type, named ``mirror-<site>``).

    ``site_type`` and ``pattern`` crawl it otherwise: ``generic`` with the
    theme's ``article_pattern``, or ``generic`` with none.
    """
    assert style.theme is not None, "theme_source needs a themed site"
    kind = site_type or style.site_type
    lines = [
        "",
        "[[sources]]",
        f'name = "{name or "mirror-" + style.name}"',
        f'type = "{kind}"',
        f"start_urls = [{_quote(base + listing_path(style, 1))}]",
        f'allowed_domains = ["{host}"]',
        'schedule = "30m"',
        "page_limit = 1000",
        f"revisit_days = {revisit_days}",
    ]
    if pattern:
        lines.append(f"article_pattern = {_quote(pattern)}")
    return lines


def _quote(text: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax.
    return json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _quote(str(value))
