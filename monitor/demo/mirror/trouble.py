"""The trouble site (``/trouble/``): one page per failure a crawler must survive.

Its listing links to a page that works, one that is gone (404), one that
breaks (500), one that asks to slow down (429 with Retry-After, then
answers), a slow page, a redirect loop, an oversized page, a page
robots.txt forbids and an FTP link.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.replies import Reply, conditional, html_reply, text_reply
from monitor.demo.mirror.sites import TROUBLE
from monitor.demo.mirror.templates import render_article

if TYPE_CHECKING:
    from monitor.demo.mirror.server import MirrorServer

_LINKS = {
    "ok.html": "正常页面",
    "missing.html": "已删除",
    "broken.html": "服务器错误",
    "busy.html": "限流页面",
    "slow.html": "慢页面",
    "loop.html": "重定向循环",
    "huge.html": "超大页面",
    "../../private/secret.html": "内部页面",
}


def trouble_reply(mirror: MirrorServer, path: str, headers: dict[str, str]) -> Reply:
    """The reply to a request for ``path`` under ``/trouble/``, as ``mirror``'s settings shape it."""
    if path == "/trouble/news/":
        items = "\n".join(
            f'<li><a class="title" href="/trouble/news/{href}">{text}</a></li>' for href, text in _LINKS.items()
        )
        page = (
            f'<ul class="news-list">\n{items}\n<li><a class="title" href="ftp://{mirror.host}/x.html">FTP</a></li></ul>'
        )
        return html_reply(TROUBLE, f"<html><body>{page}</body></html>", None)
    article = MirrorArticle(
        1,
        "宝山区集中签约10个项目 总投资20亿元",
        ("5月1日,宝山区10个项目集中签约,总投资20亿元。",),
        datetime(2024, 5, 1),
        datetime(2024, 5, 1),
    )
    name = path.rsplit("/", 1)[-1]
    if name == "ok.html":
        return conditional(html_reply(TROUBLE, render_article(TROUBLE, article, mirror.today, path), None), headers)
    if name == "broken.html":
        return text_reply("<h1>500 Internal Server Error</h1>", "text/html", 500)
    if name == "busy.html":
        if mirror.busy_now():
            return Reply(429, b"slow down", (("Content-Type", "text/plain"), ("Retry-After", str(mirror.retry_after))))
        busy_article = MirrorArticle(
            2,
            "限流后恢复的文章",
            ("6月2日,嘉定区5个项目签约,总投资12亿元。",),
            datetime(2024, 6, 2),
            datetime(2024, 6, 2),
        )
        return html_reply(TROUBLE, render_article(TROUBLE, busy_article, mirror.today, path), None)
    if name == "slow.html":
        time.sleep(mirror.slow_seconds)
        return html_reply(TROUBLE, render_article(TROUBLE, article, mirror.today, path), None)
    if name in ("loop.html", "loop2.html"):
        other = "loop2.html" if name == "loop.html" else "loop.html"
        return Reply(302, b"", (("Location", f"/trouble/news/{other}"),))
    if name == "huge.html":
        filler = "<p>" + "招商引资" * 64 + "</p>\n"
        text = filler * (mirror.oversized_bytes // len(filler.encode()) + 1)
        return html_reply(TROUBLE, f"<html><body>{text}</body></html>", None)
    return text_reply("<h1>404</h1>", "text/html; charset=utf-8", 404)
