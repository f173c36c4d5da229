"""Page templates of the mirror: one listing and one article template per site type.

The markup imitates the real sites of each type closely enough for the
spiders' selectors and the cleaner's chrome rules: Z-BlogPHP's breadcrumb and
meta line, DedeCMS's info line and 上一篇/下一篇, the 中国台湾网 mobile page's
date line, 字號 and SEO footer, and a plain news page with a feed for
``generic``.  Templates return text; the server encodes it in the site's charset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

SEO_COUNTIES = "两当县| 墨脱县| 花垣县| 江山市| 全南县| 湖口县| 温泉县| 莆田市| 宣威市| 赤城县|"


@dataclass(frozen=True)
class SiteStyle:
    """How one mirror site is addressed, encoded and labelled."""

    name: str
    site_type: str
    encoding: str  # the codec the page bytes are written in
    meta_charset: str  # what the page's <meta> says
    header_charset: str | None  # what the Content-Type header says (None: nothing)
    category: str
    theme: Theme | None = None  # a site drawn in a real CMS's template structure (monitor.demo.mirror.themes)

    @property
    def root(self) -> str:
        """The site's URL prefix on the mirror."""
        return f"/{self.name}"


def theme_style(theme: Theme) -> SiteStyle:
    """The mirror site of a theme."""
    return SiteStyle(
        theme.name, theme.site_type, theme.encoding, theme.meta_charset, theme.header_charset, theme.category, theme
    )


def article_path(style: SiteStyle, article: MirrorArticle) -> str:
    """The URL path of an article page on its mirror site."""
    if style.theme is not None:
        return style.root + style.theme.article_path(article)
    day = article.published
    match style.site_type:
        case "zblog":
            return f"/{style.name}/index.php/post/{article.article_id}.html"
        case "dedecms":
            return f"/{style.name}/news/{day:%Y%m%d}/{article.article_id}.html"
        case "taiwancn":
            return f"/{style.name}/xwzx/{day:%Y%m}/t{day:%Y%m%d}_{article.article_id}.htm"
        case _:
            return f"/{style.name}/news/{article.article_id}.html"


def listing_path(style: SiteStyle, page: int) -> str:
    """The URL path of listing page ``page`` (1-based) in the site's own scheme."""
    if style.theme is not None:
        return style.root + style.theme.listing_path(page)
    match style.site_type:
        case "zblog":
            suffix = "" if page == 1 else f"_{page}"
            return f"/{style.name}/index.php/category-1{suffix}.html"
        case "dedecms":
            return f"/{style.name}/news/list_3_{page}.html"
        case "taiwancn":
            suffix = "" if page == 1 else f"_{page - 1}"
            return f"/{style.name}/xwzx/index{suffix}.htm"
        case _:
            return f"/{style.name}/news/" if page == 1 else f"/{style.name}/news/page/{page}/"


def _page(style: SiteStyle, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={style.meta_charset}">'
        f"<title>{escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )


def _paragraphs(lines: Sequence[str]) -> str:
    return "\n".join(f"<p>&nbsp;&nbsp;{escape(line)}</p>" for line in lines)


def _chrome_lines(lines: Sequence[str]) -> str:
    # Themes draw the contact block and the related list as separate blocks of list items.
    split = next((i for i, line in enumerate(lines) if line.endswith(("相关文章", "相關新聞", "热门文章"))), len(lines))
    blocks = [block for block in (lines[:split], lines[split:]) if block]
    return "\n".join(
        '<div class="widget"><ul>\n' + "\n".join(f"<li>{escape(line)}</li>" for line in block) + "\n</ul></div>"
        for block in blocks
    )


def _pagebar(style: SiteStyle, page: int, pages: int) -> str:
    links = []
    if page > 1:
        links.append(f'<a href="{listing_path(style, page - 1)}">上一页</a>')
    for number in range(max(1, page - 3), min(pages, page + 3) + 1):
        if number == page:
            links.append(f'<span class="now-page">{number}</span>')
        else:
            links.append(f'<a href="{listing_path(style, number)}">{number}</a>')
    if page < pages:
        links.append(f'<a href="{listing_path(style, page + 1)}" rel="next">下一页</a>')
        links.append(f'<a href="{listing_path(style, pages)}">尾页</a>')
    return '<div class="pagebar">' + " ".join(links) + "</div>"


def _relative(today: date, published: date) -> str:
    days = (today - published).days
    if days < 1:
        return "3小时前"
    if days < 30:
        return f"{days}天前"
    if days < 365:
        return f"{days // 30}个月前"
    return f"{days // 365}年前"


# --- article pages -----------------------------------------------------------------


def _zblog_article(style: SiteStyle, article: MirrorArticle, today: date, url: str) -> str:
    head = article.head or (
        f"当前位置:首页 > {style.category} > 正文内容",
        f"admin{_relative(today, article.published.date())} ({article.published:%m-%d})"
        f"{style.category}{100 + article.article_id * 7 % 900}",
    )
    tail = article.tail or (
        "产业招商/厂房土地租售:400 0123 021",
        "扫一扫关注公众号",
        "版权声明:本文由本站发布,如需转载请注明出处。",
        f"本文链接:{url}",
        "分享给朋友:",
        "相关文章",
    )
    body = (
        '<div class="header"><a href="/">首页</a> <a href="#">厂房出租</a> <a href="#">土地出售</a></div>\n'
        f'<div class="breadcrumb">{escape(head[0])}</div>\n'
        f'<h1 class="post-title">{escape(article.title)}</h1>\n'
        f'<div class="post-meta">{escape(head[-1])}</div>\n'
        f'<div class="article-content">\n{_paragraphs(article.paragraphs)}\n</div>\n'
        f'<div class="post-tail">\n{_chrome_lines(tail)}\n</div>'
    )
    return _page(style, article.title, body)


def _dedecms_article(style: SiteStyle, article: MirrorArticle, today: date, url: str) -> str:
    info = (
        article.head[-1]
        if article.head
        else (f"{article.published:%Y-%m-%d %H:%M}来源:互联网 点击:{50 + article.article_id % 300}次")
    )
    tail = article.tail or (
        "上一篇:宁波地铁6、7、8号线有新进展   下一篇:中国长寿之乡民众共度重阳佳节",
        "------分隔线----------------------------",
        "推广信息",
        "热门文章",
    )
    body = (
        '<div class="top"><a href="/">返回首页</a></div>\n'
        f'<div class="title"><h2>{escape(article.title)}</h2></div>\n'
        f'<div class="info">{escape(info)}</div>\n'
        f'<div class="content">\n{_paragraphs(article.paragraphs)}\n</div>\n'
        f'<div class="dede_pages">\n{_chrome_lines(tail)}\n</div>'
    )
    return _page(style, article.title, body)


def _taiwancn_article(style: SiteStyle, article: MirrorArticle, today: date, url: str) -> str:
    head = article.head or (
        "• 中國臺灣網移動版",
        "中國臺灣網移動版",
        f"{article.published:%Y-%m-%d %H:%M:%S}",
        "來源:新華網",
        "字號",
    )
    tail = article.tail or ("[責任編輯:陳文韜]", "相關新聞", SEO_COUNTIES)
    body = (
        f'<div class="top">{escape(head[0])}</div>\n'
        f'<h1 class="tit">{escape(article.title)}</h1>\n'
        f'<div class="info">{"".join(f"<span>{escape(h)}</span>" for h in head[2:])}</div>\n'
        f'<div class="TRS_Editor">\n{_paragraphs(article.paragraphs)}\n</div>\n'
        f'<div class="bottom">\n{_chrome_lines(tail)}\n</div>'
    )
    return _page(style, article.title, body)


def _generic_article(style: SiteStyle, article: MirrorArticle, today: date, url: str) -> str:
    body = (
        '<nav><a href="/">首页</a> | <a href="#">要闻</a> | <a href="#">招商</a></nav>\n'
        "<article>\n"
        + (f"<h1>{escape(article.title)}</h1>\n" if article.title else "")
        + f'<time datetime="{article.published:%Y-%m-%dT%H:%M}">{article.published:%Y年%m月%d日}</time>\n'
        f"{_paragraphs(article.paragraphs)}\n</article>\n"
        "<footer>版权所有 © 招商资讯网 联系我们</footer>"
    )
    return _page(style, article.title or "招商资讯", body)


# --- listing pages -----------------------------------------------------------------


def _listing_items(style: SiteStyle, articles: Sequence[MirrorArticle]) -> str:
    rows = []
    for article in articles:
        title = escape(article.title or article.paragraphs[0][:24])
        href = article_path(style, article)
        match style.site_type:
            case "zblog":
                rows.append(
                    f'<div class="post"><h2><a href="{href}">{title}</a></h2>'
                    f'<span class="time">{article.published:%Y-%m-%d}</span></div>'
                )
            case "dedecms":
                rows.append(
                    f'<li><a href="{href}" class="title">{title}</a><span>{article.published:%Y-%m-%d}</span></li>'
                )
            case "taiwancn":
                rows.append(f'<li><a href="{href}">{title}</a><em>{article.published:%m-%d}</em></li>')
            case _:
                rows.append(
                    f'<li><a class="title" href="{href}">{title}</a> <span>{article.published:%Y-%m-%d}</span></li>'
                )
    return '<ul class="news-list">\n' + "\n".join(rows) + "\n</ul>"


def _theme_page(style: SiteStyle, theme: Theme, url: str, today: date, recent: Sequence[MirrorArticle]) -> ThemePage:
    return ThemePage(root=style.root, url=url, today=today, recent=recent, theme=theme)


def render_listing(
    style: SiteStyle,
    articles: Sequence[MirrorArticle],
    page: int,
    pages: int,
    *,
    url: str = "",
    today: date | None = None,
    recent: Sequence[MirrorArticle] = (),
) -> str:
    """A listing page: article links newest first, a pagination bar, some chrome."""
    if style.theme is not None:
        themed = _theme_page(style, style.theme, url, today or date.today(), recent)
        return _followed(style.theme) + style.theme.render_listing(themed, articles, page, pages)
    body = (
        f'<div class="header"><a href="/">首页</a> &gt; {escape(style.category)}</div>\n'
        f"{_listing_items(style, articles)}\n{_pagebar(style, page, pages)}\n"
        '<div class="footer"><a href="/about.html">关于我们</a> <a href="mailto:admin@example.com">联系</a>'
        ' <a href="javascript:void(0)">收藏</a></div>'
    )
    return _page(style, f"{style.category} - 第{page}页", body)


ArticleTemplate = Callable[[SiteStyle, MirrorArticle, date, str], str]

ARTICLE_TEMPLATES: dict[str, ArticleTemplate] = {
    "zblog": _zblog_article,
    "dedecms": _dedecms_article,
    "taiwancn": _taiwancn_article,
    "generic": _generic_article,
}


def render_article(
    style: SiteStyle, article: MirrorArticle, today: date, url: str, recent: Sequence[MirrorArticle] = ()
) -> str:
    """An article page in the template of the site's theme, else of its type."""
    if style.theme is not None:
        themed = _theme_page(style, style.theme, url, today, recent)
        return _followed(style.theme) + style.theme.render_article(themed, article)
    return ARTICLE_TEMPLATES[style.site_type](style, article, today, url)


def _followed(theme: Theme) -> str:
    # Every themed page says what it follows, so a reader of the fixture knows its origin.
    note = f"signwatch mirror fixture, our own markup following {theme.follows}".replace("--", "-")
    return f"<!-- {note} -->\n"


def render_feed(style: SiteStyle, articles: Sequence[MirrorArticle], base_url: str) -> str:
    """An RSS 2.0 feed of the newest articles."""
    items = "\n".join(
        f"<item><title>{escape(a.title)}</title><link>{base_url}{article_path(style, a)}</link>"
        f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S} +0800</pubDate></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(style.category)}</title><link>{base_url}{listing_path(style, 1)}</link>\n"
        f"{items}\n</channel></rss>\n"
    )


def render_sitemap(style: SiteStyle, articles: Sequence[MirrorArticle], base_url: str) -> str:
    """A sitemap listing every article with its modification date."""
    urls = "\n".join(
        f"<url><loc>{base_url}{article_path(style, a)}</loc><lastmod>{a.modified:%Y-%m-%d}</lastmod></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
    )
