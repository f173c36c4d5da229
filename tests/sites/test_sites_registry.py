"""The site-type registry is the one list of site types: spiders, config and cleaning agree with it."""

from __future__ import annotations

import ast
import doctest
import re
from pathlib import Path

import pytest
from scrapy.settings import Settings as ScrapySettings
from scrapy.spiderloader import SpiderLoader

import monitor.sites
from crawler.spiders import SPIDERS
from crawler.spiders.source_spider import SourceSpider
from monitor.config import load_settings
from monitor.errors import ConfigError, InputError
from monitor.sites import SiteType, fallback_site_type, site_type, site_type_names, site_types
from monitor.text import clean_html, clean_text

ROOT = Path(__file__).resolve().parents[2]
NAMES = site_type_names()


def scrapy_spiders() -> list[type[SourceSpider]]:
    """Every spider Scrapy itself finds in the project's spider modules."""
    loader = SpiderLoader.from_settings(ScrapySettings({"SPIDER_MODULES": ["crawler.spiders"]}))
    spiders = [loader.load(name) for name in loader.list()]
    assert all(issubclass(spider, SourceSpider) for spider in spiders)
    return spiders  # type: ignore[return-value]


def test_the_registry_lists_every_type_in_rank_order_fallback_last() -> None:
    assert {"zblog", "dedecms", "taiwancn", "generic"} <= set(NAMES)
    ranks = [site.rank for site in site_types()[:-1]]
    assert ranks == sorted(ranks)
    assert fallback_site_type().name == "generic" == NAMES[-1]
    assert [site.name for site in site_types()] == list(NAMES)


def test_one_module_per_type_named_after_it() -> None:
    modules = {path.stem for path in (ROOT / "monitor" / "sites").glob("*.py")} - {"__init__", "declaration"}
    assert modules == set(NAMES)
    for name in NAMES:
        assert isinstance(site_type(name), SiteType)
        assert getattr(monitor.sites, name).SITE is site_type(name)


@pytest.mark.parametrize("site", site_types(), ids=NAMES)
def test_declarations_are_sound(site: SiteType) -> None:
    for pattern in (site.text_marker, site.article_url, site.listing_url, *site.chrome_drop, *site.chrome_cut):
        re.compile(pattern)
    assert site.summary and "\n" not in site.summary
    assert all(mark == mark.lower() for mark in (*site.generators, *site.hosts))
    if site.fallback:  # it recognises every page, so it declares nothing to recognise one by
        assert not (site.generators or site.source_marks or site.hosts or site.title_marks or site.text_marker)


def test_every_registered_type_has_a_spider_that_handles_it() -> None:
    assert set(SPIDERS) == set(NAMES)
    for name in NAMES:
        spider = SPIDERS[name]
        assert issubclass(spider, SourceSpider)
        assert spider.site_type == name
        assert (spider.article_url, spider.listing_url) == (site_type(name).article_url, site_type(name).listing_url)


def test_every_spider_scrapy_finds_is_of_a_registered_type() -> None:
    found = scrapy_spiders()
    assert found, "Scrapy found no spiders"
    for spider in found:
        assert spider.site_type in NAMES, f"spider {spider.name!r} is of unregistered type {spider.site_type!r}"
    assert {spider.site_type for spider in found} == set(NAMES)


def test_an_unknown_name_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        site_type("joomla")
    assert str(caught.value) == f"unknown site type 'joomla' (known: {', '.join(NAMES)})"


def _one_line_naming_known(message: str) -> None:
    assert "\n" not in message
    assert "joomla" in message
    for name in NAMES:
        assert name in message


def test_config_rejects_an_unknown_type(tmp_path: Path) -> None:
    path = tmp_path / "signwatch.toml"
    path.write_text("[[sources]]\nname = 'a'\ntype = 'joomla'\nstart_urls = []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    _one_line_naming_known(str(caught.value))


@pytest.mark.parametrize("clean", [clean_html, clean_text])
def test_cleaning_rejects_an_unknown_type(clean: object) -> None:
    with pytest.raises(InputError) as caught:
        clean("<p>x</p>", site_type="joomla")  # type: ignore[operator]
    _one_line_naming_known(str(caught.value))


def test_registry_docstring_examples_hold() -> None:
    result = doctest.testmod(monitor.sites)
    assert result.attempted and not result.failed


# --- the registry is the one place that lists the types ------------------------------------

# Files (or folders, ending in /) allowed to name site types in a list or a
# comparison, each with its reason.  An entry that no longer matches any such
# file must leave this table (the test says so).
ALLOWED = {
    # The offline mirror imitates one site of each type: its sites and templates
    # are the mirror's own markup, not knowledge signwatch reads.
    "monitor/demo/mirror/": "the mirror serves one imitation site per type",
}


def _allowed(path: str) -> str | None:
    return next((entry for entry in ALLOWED if path == entry or (entry.endswith("/") and path.startswith(entry))), None)


def _listings(tree: ast.AST) -> list[str]:
    """Where a module lists two or more site types, or compares or matches a value with one."""
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", "?")
        items: list[ast.expr | None] = []
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        names = [item.value for item in items if isinstance(item, ast.Constant) and item.value in NAMES]
        if len(names) >= 2:
            found.append(f"line {line}: lists {names}")
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if isinstance(operand, ast.Constant) and operand.value in NAMES:
                    found.append(f"line {line}: compares with {operand.value!r}")
        if isinstance(node, ast.MatchValue) and isinstance(node.value, ast.Constant) and node.value.value in NAMES:
            found.append(f"line {line}: matches {node.value.value!r}")
    return found


def test_nothing_outside_the_registry_lists_the_types() -> None:
    offenders: dict[str, list[str]] = {}
    for package in ("monitor", "crawler"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("monitor/sites/"):
                continue
            listings = _listings(ast.parse(path.read_text(encoding="utf-8")))
            if listings:
                offenders[relative] = listings
    unexpected = {path: where for path, where in offenders.items() if _allowed(path) is None}
    assert not unexpected, f"site types listed outside monitor/sites: {unexpected}"
    gone = set(ALLOWED) - {_allowed(path) for path in offenders}
    assert not gone, f"nothing there lists site types any more, remove from ALLOWED: {sorted(gone)}"


def test_no_fixture_names_a_mark_that_recognises_a_type() -> None:
    """Every themed page says what it follows in a comment: that text must not itself be a source mark."""
    from monitor.demo.mirror.themes import themes

    marks = {mark for site in site_types() for mark in site.source_marks}
    for theme in themes():
        assert not [mark for mark in marks if mark in theme.follows], theme.name


def test_docs_sites_has_a_row_for_every_type() -> None:
    """docs/sites.md is where a user learns the types: every registered one has its row."""
    rows = {
        line.split("|")[1].strip().strip("`")
        for line in (ROOT / "docs" / "sites.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    assert rows == set(NAMES)
