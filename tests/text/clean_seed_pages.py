"""Seed texts and realistic HTML pages wrapping them, for the cleaning tests.

The templates imitate the sites' markup (Z-BlogPHP theme, DedeCMS table layout,
the 中国台湾网 mobile portal, a plain generic news page) without copying any of
it: the cleaner must not depend on exact markup.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_SEED_DIRS = (_ROOT / "monitor" / "demo" / "mirror" / "data", _ROOT.parent / "shared" / "seeds")
_META = re.compile(r"(\d{4}-\d{2}-\d{2}|\d+个月前|來源|来源)")


def seed_text(number: int) -> str:
    """The text of seed ``number`` (0-4) as the archive keeps it."""
    for directory in _SEED_DIRS:
        found = sorted(directory.glob(f"{number:03d}_*.txt"))
        if found:
            return found[0].read_text(encoding="utf-8")
    raise FileNotFoundError(f"seed {number:03d} not found")


def seed_parts(number: int) -> tuple[list[str], str | None, list[str], list[str]]:
    """Split a seed into (header lines, title, meta lines, the rest) by its line layout."""
    lines = [line.strip() for line in seed_text(number).splitlines() if line.strip()]
    for index, line in enumerate(lines[:12]):
        if len(line) < 90 and _META.search(line):
            end = index
            while end < len(lines) and len(lines[end]) < 30 and lines[end] != lines[index - 1]:
                end += 1
            return lines[: index - 1], lines[index - 1], lines[index:end], lines[end:]
    return [], None, [], lines


def _p(lines: list[str]) -> str:
    return "\n".join(f"<p>\u3000\u3000{html.escape(line)}</p>" for line in lines)


def zblog_page(number: int, *, views: int = 941, related: tuple[str, ...] = ("2019年1月宝山在售楼盘报价",)) -> str:
    """A Z-BlogPHP article page: breadcrumb, meta line with a view counter, related list."""
    header, title, meta, rest = seed_parts(number)
    meta_line = re.sub(r"\d+$", str(views), meta[0]) if meta else ""
    items = "".join(
        f'<li><a href="/post/{i}.html">{html.escape(t)}</a><p>{html.escape(t)}…</p></li>' for i, t in enumerate(related)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="generator" content="Z-BlogPHP 1.7.3">
<title>{html.escape(title or "")} - 宝山产业地产信息</title>
<script>var zbp = {{"path": "/"}};</script><style>.x{{color:red}}</style></head>
<body><header class="site-header"><nav><a href="/">首页</a><a href="/c/1">宝山产业地产信息</a></nav></header>
<div class="breadcrumb">{html.escape(header[0] if header else "")}</div>
<main><article class="post">
<h1 class="post-title">{html.escape(title or "")}</h1>
<div class="post-meta">{html.escape(meta_line)}</div>
<div class="post-content">
{_p(rest)}
</div></article>
<div class="post-related"><h3>相关文章</h3><ul>{items}</ul></div></main>
<aside class="sidebar"><h3>热门文章</h3><ul><li><a href="/post/1.html">嘉定新城:选好“赛道”</a></li></ul></aside>
<footer>Copyright © 2024 宝山产业地产信息 沪ICP备00000000号</footer></body></html>"""


def dedecms_page(number: int, *, views: int = 94, charset: str = "utf-8") -> str:
    """A DedeCMS article page: table layout, meta line with 点击, prev/next links."""
    _header, title, meta, rest = seed_parts(number)
    meta_line = re.sub(r"点击:\d+次", f"点击:{views}次", " ".join(meta))
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title or "")}_新闻资讯_某某门户</title></head><body>
<table width="100%"><tr><td class="top"><a href="/">返回首页</a> | <a href="/plus/search.php">搜索</a></td></tr></table>
<div class="place">当前位置:<a href="/">主页</a> &gt; <a href="/news/">新闻</a> &gt;</div>
<div class="viewbox"><div class="title"><h2>{html.escape(title or "")}</h2></div>
<div class="info"><small>{html.escape(meta_line)}</small></div>
<div class="content"><table><tr><td>
{_p(rest)}
</td></tr></table></div>
<div class="context"><ul><li>上一篇:<a href="/a/1.html">宁波地铁6、7、8号线有新进展</a></li>
<li>下一篇:<a href="/a/2.html">中国长寿之乡永福</a></li></ul></div></div>
<div class="hot"><dl><dt>热门文章</dt><dd><a href="/a/3.html">某地签约10个项目总投资99亿元</a></dd></dl></div>
</body></html>"""


def taiwancn_page(number: int, *, related: tuple[str, ...] = ("两岸企业家峰会年会开幕",)) -> str:
    """A 中国台湾网 mobile page: site banner, date and 來源 lines, 相關新聞."""
    _header, title, meta, rest = seed_parts(number)
    items = "".join(f'<li><a href="/m/{i}.htm">{html.escape(t)}</a></li>' for i, t in enumerate(related))
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title or "")}_中國臺灣網</title>
<meta name="viewport" content="width=device-width"></head><body>
<div class="m-header"><ul class="nav"><li>• 中國(guó)臺(tái)灣網(wǎng)移動(dòng)版</li></ul></div>
<div class="m-article"><div class="m-title">{html.escape(title or "")}</div>
{"".join(f'<div class="m-info">{html.escape(line)}</div>' for line in meta)}
<div class="m-text">{_p(rest)}</div></div>
<div class="m-relate"><h4>相關(guān)新聞</h4><ul>{items}</ul></div>
</body></html>"""


def plain_page(number: int) -> str:
    """A generic news page with different markup: <article>, <time>, br-separated body."""
    _header, title, meta, rest = seed_parts(number)
    body = "<br>\n".join(html.escape(line) for line in rest)
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    return f"""<html><head><meta charset="utf-8"></head><body>
<div id="top-menu"><a href="/">首页</a> <a href="/news">新闻</a></div>
<article>{heading}<p class="byline">{html.escape(" ".join(meta))}</p>
<div class="text">{body}</div></article>
<div id="footer">关于我们 | 联系我们</div></body></html>"""
