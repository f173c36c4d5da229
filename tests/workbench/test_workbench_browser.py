"""The workbench in a real browser: Debian's chromium driven by Playwright, the app served by uvicorn on 127.0.0.1.

It loads each page, applies a filter through the form, opens an event and
finds the figure's sentence marked, subscribes a real sink and sees it
listed masked; and it takes the screenshots in docs/workbench/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from monitor.demo.sink import AlertSink
from tests.workbench.conftest import Workbench

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "workbench"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECRET = "browser-hook-secret-987654321"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (.ci/run installs Debian's chromium)"),
]


@pytest.fixture(scope="module")
def served(workbench: Workbench) -> Iterator[str]:
    """The module's workbench served by uvicorn on a free 127.0.0.1 port; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(workbench.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, through Playwright's bundled driver (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=[(1280, 860), (390, 844)], ids=["laptop", "phone"])
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page at a laptop's and a phone's size, failing the test on any console error or CSP report."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.screen_name = "laptop" if width > 800 else "phone"
    yield opened
    context.close()
    assert errors == [], errors


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.screen_name}.png"), full_page=False)


def test_each_page_loads_styled_and_no_script_runs(page: Any, served: str) -> None:
    alerts: list[str] = []

    def dialog_opened(dialog: Any) -> None:  # only a script could open one
        alerts.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dialog_opened)
    pages = (("/overview", "概览"), ("/events", "签约事件"), ("/sources", "来源健康状况"), ("/subscriptions", "订阅"))
    for path, heading in pages:
        page.goto(served + path)
        assert heading in page.locator("h1").inner_text()
        # the stylesheet applied (served by the app, allowed by the policy)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(247, 248, 250)"
        if path == "/overview":
            _shot(page, "overview")
    page.goto(served + "/sources")
    assert page.locator("tr.bad").count() == 1 and "mirror-repost" in page.locator("tr.bad").inner_text()
    _shot(page, "sources")
    assert alerts == []  # no scraped <script> or onerror ran anywhere


def test_filter_then_open_the_event_and_see_the_sentence_marked(page: Any, served: str) -> None:
    page.goto(served + "/events")
    _shot(page, "events")
    page.fill("input[name=place]", "宝山区")
    page.fill("input[name=min_amount]", "100亿")
    page.select_option("select[name=amount_kind]", label="总投资")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*")
    assert "place=%E5%AE%9D%E5%B1%B1%E5%8C%BA" in page.url and "min_amount=100%E4%BA%BF" in page.url
    assert "amount_kind=agreed" in page.url
    # the select keeps the choice on the filtered page
    assert page.locator("select[name=amount_kind]").input_value() == "agreed"
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    for index in range(rows.count()):
        assert "宝山区" in rows.nth(index).inner_text()
        assert "总投资" in rows.nth(index).inner_text()
    rows.first.locator("td:last-child a").click()
    page.wait_for_url("**/events/*")
    first = page.locator("article.report.first")
    assert first.count() == 1 and "首发" in first.locator("h2").inner_text()
    evidence = first.locator("mark.evidence").first
    assert "签约" in evidence.inner_text()
    assert evidence.locator("mark.figure").count() >= 1
    # each figure with its amount kind, in the words the alerts use
    assert "总投资" in first.locator("table.figures tbody tr").first.inner_text()
    _shot(page, "event")


def test_the_pager_follows_cursors_forwards_and_back(page: Any, served: str) -> None:
    page.goto(served + "/events?per_page=2")
    titles = page.locator("table.events tbody tr td:last-child a")
    first_page = titles.all_inner_texts()
    assert len(first_page) == 2
    assert page.locator("nav.pager a[rel=prev]").count() == 0
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**/events?*after=*")
    second_page = titles.all_inner_texts()
    assert second_page and second_page != first_page
    page.click("nav.pager a[rel=prev]")
    page.wait_for_url("**/events?*before=*")
    assert titles.all_inner_texts() == first_page
    assert page.locator("nav.pager a[rel=prev]").count() == 0


def test_subscribe_and_see_it_listed_masked(page: Any, served: str) -> None:
    with AlertSink() as sink:
        name = f"browser-{page.screen_name}"
        page.goto(served + "/subscriptions")
        page.fill("input[name=name]", name)
        page.fill("input[name=target]", sink.url(SECRET))
        page.fill("input[name=places]", "上海市")
        page.click("section.add button[type=submit]")
        page.wait_for_url("**/subscriptions?notice=added")
        row = page.locator("table.subscriptions tr", has_text=name)
        assert row.count() == 1
        shown = row.locator("td.target").inner_text()
        assert SECRET not in page.content() and shown.startswith(f"json://127.0.0.1:{sink.port}/")
        row.locator("form[action='/subscriptions/test'] button").click()
        page.wait_for_url("**/subscriptions?notice=tested")
        assert [m.title for m in sink.received(SECRET)] == ["signwatch 测试消息"]
        _shot(page, "subscriptions")
        page.locator("table.subscriptions tr", has_text=name).locator("button.danger").click()
        page.wait_for_url("**/subscriptions?notice=removed")
        assert page.locator("table.subscriptions tr", has_text=name).count() == 0


def test_the_article_page_shows_marked_figures(page: Any, served: str) -> None:
    page.goto(served + "/articles/1")
    assert page.locator(".text mark.figure").count() >= 1
    _shot(page, "article")
