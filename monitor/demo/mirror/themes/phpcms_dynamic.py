"""A PHPCMS v9 site serving dynamic pages: the default templates with the install's dynamic URL rules.

The markup is ``monitor.demo.mirror.themes._phpcms`` (read its docstring for what
of the product it follows).  With 生成静态 off, a column is
``/index.php?m=content&c=index&a=lists&catid=6`` and its further pages add
``&page=2`` (urlrule 6); an article is
``/index.php?m=content&c=index&a=show&catid=6&id=566`` (urlrule 16).  PHP sends
the charset in Content-Type.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._phpcms import FOLLOWS, PhpcmsSite, article_page, content_id, listing_page

_LISTS = "/index.php?m=content&c=index&a=lists&catid="


def _column_url(page: ThemePage, catdir: str, catid: int) -> str:
    return f"{page.root}{_LISTS}{catid}"


SITE = PhpcmsSite(catdir="xmqy", catid=6, icp="蜀ICP备09876543号", column_url=_column_url)


def _article_path(article: MirrorArticle) -> str:
    return f"/index.php?m=content&c=index&a=show&catid={SITE.catid}&id={content_id(article)}"


def _listing_path(page: int) -> str:
    return f"{_LISTS}{SITE.catid}" if page == 1 else f"{_LISTS}{SITE.catid}&page={page}"


def _render_article(page: ThemePage, article: MirrorArticle) -> str:
    return article_page(page, SITE, article)


def _render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    return listing_page(page, SITE, articles, number, pages)


THEME = Theme(
    name="phpcms-dynamic",
    site_type="phpcms",
    follows=FOLLOWS + "; dynamic pages (urlrules 6 and 16: the front controller's content lists and show routes)",
    site_name="成都市双流区投资促进局",
    category="项目签约",
    article_path=_article_path,
    listing_path=_listing_path,
    render_article=_render_article,
    render_listing=_render_listing,
    article_pattern=r"[?&]a=show&catid=\d+&id=\d+$",
    shows_time=True,
)
