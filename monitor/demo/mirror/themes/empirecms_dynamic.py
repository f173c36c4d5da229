"""An EmpireCMS 7.x site served by its dynamic pages, in UTF-8: ListInfo lists and ShowInfo.php articles.

The markup is ``monitor.demo.mirror.themes._empirecms`` (read its docstring for
what of the product it follows).  A column set to 动态列表 is listed by
``/e/action/ListInfo/index.php?page=N&classid=C`` (``e/action/ListInfo/index.php``,
its pager ``page1`` in ``e/class/connect.php``: N counts from 0, and the first
page's links say ``page=0``), and an article not generated as HTML is read from
``/e/action/ShowInfo.php?classid=C&id=ID`` (``eReturnTrueDtInfoUrl``).  The
content template is the default one with two of its own tags added, as sites
commonly add them: ``点击：[!--onclick--]次`` after the author (on a dynamic page
the count itself, not a script) and the 上一篇/下一篇 block
(``[!--info.pre--]``/``[!--info.next--]``).
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._empirecms import FOLLOWS, EmpireSite, article_page, info_id, listing_page

SITE = EmpireSite(class_path="tzdt", classid=6, icp="浙ICP备05012345号", dynamic=True, clicks=True, prev_next=True)


def _article_path(article: MirrorArticle) -> str:
    return f"/e/action/ShowInfo.php?classid={SITE.classid}&id={info_id(article)}"


def _listing_path(page: int) -> str:
    return f"/e/action/ListInfo/index.php?page={page - 1}&classid={SITE.classid}"


def _render_article(page: ThemePage, article: MirrorArticle) -> str:
    return article_page(page, SITE, article)


def _render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    return listing_page(page, SITE, articles, number, pages)


THEME = Theme(
    name="empirecms-dynamic",
    site_type="empirecms",
    follows=FOLLOWS
    + "; e/action/ListInfo/index.php, e/action/ShowInfo.php (dynamic pages), content template with onclick and"
    " info.pre/info.next",
    site_name="嘉兴经济技术开发区投资促进局",
    category="投资动态",
    article_path=_article_path,
    listing_path=_listing_path,
    render_article=_render_article,
    render_listing=_render_listing,
    article_pattern=r"/e/action/ShowInfo\.php\?classid=\d+&id=\d+$",
    shows_time=True,
)
