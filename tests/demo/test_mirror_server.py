"""The offline mirror over real HTTP: listings cover every article, encodings, 304s, publish and edit."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.config import load_settings
from monitor.demo.mirror import SITES, MirrorServer
from monitor.demo.mirror.templates import article_path, listing_path
from monitor.running.source_check import check_all


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    server = MirrorServer(articles_per_site=7, seed=1, page_size=3)
    server.start()
    yield server
    server.stop()


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# site, codec the bytes are in, the Content-Type header, a phrase of its seed in the page's own script
ENCODINGS = [
    ("zblog", "utf-8", "text/html; charset=utf-8", "上海厂房出租信息"),
    ("dedecms", "gbk", "text/html", "返回首页"),
    ("taiwancn", "big5", "text/html; charset=big5", "新華網"),
    ("generic", "utf-8", "text/html; charset=gbk", "集中簽約"),  # the lying header
]


@pytest.mark.parametrize(("site", "codec", "content_type", "phrase"), ENCODINGS)
def test_seed_pages_in_each_encoding(
    mirror: MirrorServer, site: str, codec: str, content_type: str, phrase: str
) -> None:
    seed = mirror.articles(site)[-1]  # the seeds are the oldest articles
    status, headers, body = fetch(mirror.article_url(site, seed.article_id))
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert phrase in body.decode(codec)
    assert "ETag" in headers and "Last-Modified" in headers


@pytest.mark.parametrize("style", SITES, ids=[s.name for s in SITES])
def test_listings_paginate_over_every_article(mirror: MirrorServer, style: object) -> None:
    site = style  # a SiteStyle
    articles = mirror.articles(site.name)  # type: ignore[attr-defined]
    found: set[str] = set()
    pages = -(-len(articles) // 3)
    for number in range(1, pages + 1):
        status, _headers, body = fetch(mirror.base_url + listing_path(site, number))  # type: ignore[arg-type]
        assert status == 200
        found |= set(re.findall(r'href="([^"]+)"', body.decode(site.encoding, "replace")))  # type: ignore[attr-defined]
    assert {article_path(site, a) for a in articles} <= found  # type: ignore[arg-type]


def test_conditional_requests_get_304_until_an_edit(mirror: MirrorServer) -> None:
    article = mirror.articles("dedecms")[0]
    url = mirror.article_url("dedecms", article.article_id)
    _status, headers, _body = fetch(url)
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    status, _headers, body = fetch(
        f"{mirror.base_url}/_mirror/edit?site=dedecms&id={article.article_id}", method="POST"
    )
    assert status == 200 and json.loads(body)["revision"] == 1
    status, _headers, body = fetch(url, {"If-None-Match": headers["ETag"]})
    assert status == 200
    assert "更正" in body.decode("gbk")


def test_publish_puts_a_new_article_first(mirror: MirrorServer) -> None:
    status, _headers, body = fetch(f"{mirror.base_url}/_mirror/publish?site=zblog", method="POST")
    assert status == 200
    published = json.loads(body)
    listing = fetch(mirror.base_url + listing_path(SITES[0], 1))[2].decode("utf-8")
    assert listing.index(published["url"].removeprefix(mirror.base_url)) < listing.index('<span class="time">') + 200
    assert fetch(published["url"])[0] == 200
    assert fetch(f"{mirror.base_url}/_mirror/publish?site=nosuch", method="POST")[0] == 400


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/trouble/news/missing.html", 404),
        ("/trouble/news/broken.html", 500),
        ("/trouble/news/loop.html", 302),
        ("/nowhere.html", 404),
    ],
)
def test_trouble_statuses(mirror: MirrorServer, path: str, status: int) -> None:
    request = urllib.request.Request(mirror.base_url + path)
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request) as response:
            assert response.status == status
    except urllib.error.HTTPError as error:
        assert error.code == status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_robots_and_feed(mirror: MirrorServer) -> None:
    robots = fetch(mirror.base_url + "/robots.txt")[2].decode()
    assert "Disallow: /private/" in robots
    feed = fetch(mirror.base_url + "/generic/feed.xml")[2].decode()
    assert feed.count("<item>") == min(20, len(mirror.articles("generic")))


def test_written_config_loads_and_checks_clean(mirror: MirrorServer, tmp_path: Path) -> None:
    path = mirror.write_config(tmp_path / "signwatch.toml", tmp_path / "data", include_trouble=True)
    settings = load_settings(path)
    assert [s.type for s in settings.sources] == ["zblog", "dedecms", "taiwancn", "generic", "generic"]
    assert check_all(settings.sources) == []
