"""WordPress sites drawn from the default themes (Seventeen, Twenty-One, Twenty-Four): read, crawled, cleaned.

The themes (``monitor/demo/mirror/themes/wordpress_*.py``) keep what makes
WordPress hard: the date is a ``<time datetime>`` above the title (Twenty
Seventeen), in the entry *footer* (Twenty Twenty-One) or in a post-date block
printing ``12月 2, 2026`` (Twenty Twenty-Four), and Yoast SEO gives it again in
UTC; there is no 来源 field, so the editor types ``来源：…`` as the first or last
paragraph; Chinese slugs are lower-case percent escapes; an archive's page 2 is
linked only by ``class="next page-numbers"`` or ``wp-block-query-pagination-next``,
never ``rel="next"`` in the body; plain permalinks put posts and pages in the
query string.

What every themed site gets (its articles read right with the type given and
recognised, its listings no articles, crawls by its own spider and by
``generic``) is tested once for all of them in ``test_themed_sites.py``; here
are the product's own traps, URL shapes and declaration.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest
from lxml import etree
from lxml import html as lxml_html
from parsel import Selector

from monitor.demo.mirror import MirrorServer
from monitor.demo.mirror.templates import article_path
from monitor.demo.mirror.themes._wordpress import wp_slug
from monitor.sites import site_type
from monitor.text.byline import BEIJING
from monitor.text.recognise import page_site_type
from tests.sites.theme_harness import (
    listing_paths,
    page_bytes,
    themed_site,
)

THEMES = ("wp-twentyseventeen", "wp-twentytwentyone", "wp-twentytwentyfour")
SITE = site_type("wordpress")


def _page_text(mirror: MirrorServer, theme: str, path: str) -> str:
    style = themed_site(theme)
    return page_bytes(mirror, style, path).decode(style.encoding)


# --- the pages and the traps their templates hold ---------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_the_declarations_xpaths_read_title_date_and_source_off_every_article_page(
    site_mirror: MirrorServer, theme: str
) -> None:
    """What cleaning is told to read first: the declaration's title, date and 来源 XPaths hit the truth."""
    style = themed_site(theme)
    for article in site_mirror.articles(theme):
        document = etree.fromstring(_page_text(site_mirror, theme, article_path(style, article)), etree.HTMLParser())
        titles = next(found for xpath in SITE.title_xpath if (found := document.xpath(xpath)))
        assert "".join(titles[0].itertext()).strip() == article.title
        dates = next(found for xpath in SITE.date_xpath if (found := document.xpath(xpath)))
        assert datetime.fromisoformat(str(dates[0])).astimezone(BEIJING).replace(tzinfo=None) == article.published
        sources = next(found for xpath in SITE.source_xpath if (found := document.xpath(xpath)))
        line = "".join(sources[0].itertext()).strip()
        assert re.fullmatch(f"(?:文章)?来源：{article.source}(?:　责任编辑：.+)?", line), line


def _xpath_text(document: lxml_html.HtmlElement, xpath: str) -> list[str]:
    return [item if isinstance(item, str) else item.text_content().strip() for item in document.xpath(xpath)]


def test_twenty_seventeen_pages_carry_what_makes_them_hard(site_mirror: MirrorServer) -> None:
    """The date above the title and again in UTC from Yoast; the 来源 and the editor close the content."""
    theme = "wp-twentyseventeen"
    article = site_mirror.articles(theme)[1]
    document = lxml_html.document_fromstring(_page_text(site_mirror, theme, article_path(themed_site(theme), article)))
    assert _xpath_text(document, "//h1") == [article.title]
    header = document.xpath("//article/header[@class='entry-header']")[0]
    children = [child.get("class") for child in header if isinstance(child.tag, str)]
    assert children == ["entry-meta", "entry-title"]  # the date comes first
    assert header.xpath("string(.//time/@datetime)") == f"{article.published:%Y-%m-%dT%H:%M:%S}+08:00"
    utc = article.published.replace(tzinfo=BEIJING).astimezone(UTC)
    assert document.xpath("//meta[@property='article:published_time']/@content") == [f"{utc:%Y-%m-%dT%H:%M:%S}+00:00"]
    assert f'"datePublished":"{utc:%Y-%m-%dT%H:%M:%S}+00:00"' in document.xpath(
        "string(//script[@type='application/ld+json'])"
    )
    closing = f"文章来源：{article.source}　责任编辑：{article.author}"
    assert _xpath_text(document, "//div[@class='entry-content']/p")[-1] == closing
    assert "has-sidebar" in (document.find("body").get("class") or "")
    assert document.xpath("//meta[@name='generator']/@content") == ["WordPress 5.5.20"]


def test_the_blog_home_is_a_listing_with_an_h1_site_title_and_h3_post_titles(site_mirror: MirrorServer) -> None:
    theme = "wp-twentyseventeen"
    first = listing_paths(site_mirror, themed_site(theme))[0]
    document = lxml_html.document_fromstring(_page_text(site_mirror, theme, first))
    assert _xpath_text(document, "//h1") == ["昆山开发区招商服务网"]
    titles = [a.title for a in site_mirror.articles(theme)[:3]]
    assert _xpath_text(document, "//h3[@class='entry-title']") == titles
    assert [p[:20] for p in _xpath_text(document, "//div[@class='entry-content']/p[1]")] == [
        a.paragraphs[0][:20] for a in site_mirror.articles(theme)[:3]
    ]  # each post up to its more tag: the first paragraph, whole


def test_twenty_twenty_one_pages_carry_what_makes_them_hard(site_mirror: MirrorServer) -> None:
    """The logo is a <p>, the date sits in the entry footer, the 来源 opens the content, YARPP sits inside it."""
    theme = "wp-twentytwentyone"
    article = site_mirror.articles(theme)[1]
    document = lxml_html.document_fromstring(_page_text(site_mirror, theme, article_path(themed_site(theme), article)))
    assert _xpath_text(document, "//h1") == [article.title]
    assert _xpath_text(document, "//p[@class='site-title']") == ["合肥招商引资信息网"]
    footer_time = document.xpath("//article/footer[contains(@class, 'entry-footer')]//time")
    assert [t.get("class") for t in footer_time] == ["entry-date published updated"]
    assert footer_time[0].get("datetime") == f"{article.published:%Y-%m-%dT%H:%M:%S}+08:00"
    published = article.published
    assert footer_time[0].text_content() == f"{published.year}年{published.month}月{published.day}日"  # no time
    assert len(document.xpath("//div[@id='comments']//time[@datetime]")) == 1  # the comment's, after the post's
    assert _xpath_text(document, "//div[@class='entry-content']/p[1]") == [f"来源：{article.source}"]
    assert _xpath_text(document, "//div[@class='entry-content']//div[contains(@class, 'yarpp')]/h3") == ["相关文章："]
    assert document.xpath("//meta[@name='generator']/@content") == ["WordPress 6.3.5"]


def test_twenty_twenty_four_pages_carry_what_makes_them_hard(site_mirror: MirrorServer) -> None:
    """The date prints as 'M j, Y' in Chinese months, the 来源 closes the content, the sidebar has a biography."""
    theme = "wp-twentytwentyfour"
    article = site_mirror.articles(theme)[1]
    document = lxml_html.document_fromstring(_page_text(site_mirror, theme, article_path(themed_site(theme), article)))
    assert _xpath_text(document, "//h1") == [article.title]
    assert _xpath_text(document, "//p[@class='wp-block-site-title']") == ["上海临港产业招商网"]
    published = article.published
    date = document.xpath("//div[@class='wp-block-post-date']/time")
    assert [t.text_content() for t in date] == [f"{published.month}月 {published.day}, {published.year}"]
    assert date[0].get("datetime") == f"{published:%Y-%m-%dT%H:%M:%S}+08:00"
    content = "//div[contains(@class, 'wp-block-post-content')]/p"
    assert _xpath_text(document, content)[-1] == f"来源：{article.source}"
    assert _xpath_text(document, content)[:-1] == list(article.paragraphs)
    assert _xpath_text(document, "//aside//div[contains(@class, 'wp-block-post-author-biography')]")
    assert len(document.xpath("//div[@class='wp-block-comment-date']/time[@datetime]")) == 1


# --- slugs and URL shapes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "title, slug",
    [
        ("招商引资", "%e6%8b%9b%e5%95%86%e5%bc%95%e8%b5%84"),  # lower-case escapes, as WordPress stores them
        ("签约 Signing 2024.8", "%e7%ad%be%e7%ba%a6-signing-2024-8"),  # spaces and dots become dashes
        # The save context drops curly quotes and the ellipsis; ASCII punctuation goes too.
        ("“重大项目”集中签约!…", "%e9%87%8d%e5%a4%a7%e9%a1%b9%e7%9b%ae%e9%9b%86%e4%b8%ad%e7%ad%be%e7%ba%a6"),
        ("长三角—临港 A/B 区", "%e9%95%bf%e4%b8%89%e8%a7%92-%e4%b8%b4%e6%b8%af-a-b-%e5%8c%ba"),  # dashes, '/'
        ("（第1期）", "%ef%bc%88%e7%ac%ac1%e6%9c%9f%ef%bc%89"),  # full-width brackets stay
    ],
)
def test_wordpress_slugs_of_chinese_titles(title: str, slug: str) -> None:
    assert wp_slug(title) == slug


def test_a_long_title_is_cut_at_200_characters_of_escapes_between_characters() -> None:
    title = "上海市奉贤区104个项目集中签约 总投资约120亿元（第4期）"
    slug = wp_slug(title)
    assert len(slug) <= 200 and len(wp_slug(title + "。")) == len(slug)
    assert title.replace(" ", "-").startswith(unquote(slug))  # whole characters only


@pytest.mark.parametrize(
    "url, article, listing",
    [
        ("http://x.cn/2021/08/26/%e8%82%a5%e8%a5%bf-signing/", True, False),  # day and name
        ("http://x.cn/2021/08/26/signing", True, False),  # without the trailing slash
        ("http://x.cn/2021/08/signing/", True, False),  # month and name
        ("http://x.cn/archives/123", True, False),  # numeric
        ("http://x.cn/archives/123.html", True, False),
        ("http://x.cn/123.html", True, False),  # /%post_id%.html, common on Chinese sites
        ("http://x.cn/?p=123", True, False),  # plain
        ("http://x.cn/blog/?p=123", True, False),
        ("http://x.cn/page/2/", False, True),  # the home page's archive
        ("http://x.cn/category/zsdt/page/3/", False, True),
        ("http://x.cn/2021/08/page/2/", False, True),  # a month archive's page 2
        ("http://x.cn/?paged=2", False, True),
        ("http://x.cn/?cat=3&paged=2", False, True),
        ("http://x.cn/?paged=2&cat=3", False, True),  # paginate_links() puts add_args after the page
        ("http://x.cn/category/zsdt/", False, False),  # a start URL, not a further page
        ("http://x.cn/?cat=3", False, False),
        ("http://x.cn/2021/08/", False, False),  # month archive
        ("http://x.cn/2021/08/26/", False, False),  # day archive
        ("http://x.cn/tag/%e6%8b%9b%e5%95%86/", False, False),
        ("http://x.cn/author/admin/", False, False),
        ("http://x.cn/?p=123&replytocom=5", False, False),  # a comment's reply link
        ("http://x.cn/2021/08/26/signing/feed/", False, False),
        ("http://x.cn/2021/08/26/signing/comment-page-2/", False, False),
        ("http://x.cn/feed/", False, False),
        ("http://x.cn/archives/date/2021/08", False, False),  # date archive under /archives/
        ("http://x.cn/archives/category/tzdt", False, False),
        ("http://x.cn/wp-login.php", False, False),
    ],
)
def test_url_shapes(url: str, article: bool, listing: bool) -> None:
    assert bool(re.search(SITE.article_url, url)) is article
    assert bool(re.search(SITE.listing_url, url)) is listing


@pytest.mark.parametrize("theme", THEMES)
def test_the_themes_urls_are_of_the_declared_shapes(site_mirror: MirrorServer, theme: str) -> None:
    style = themed_site(theme)
    assert style.theme is not None
    base = site_mirror.base_url
    articles = [base + article_path(style, a) for a in site_mirror.articles(theme)]
    first, *further = [base + path for path in listing_paths(site_mirror, style)]
    assert all(re.search(SITE.article_url, u) and not re.search(SITE.listing_url, u) for u in articles)
    assert all(re.search(style.theme.article_pattern, u) for u in articles)
    assert further and all(re.search(SITE.listing_url, u) and not re.search(SITE.article_url, u) for u in further)
    assert not re.search(SITE.article_url, first) and not re.search(style.theme.article_pattern, first)


# --- pagination markup ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "theme, next_link",
    [
        ("wp-twentyseventeen", "a.next.page-numbers"),  # mid_size 1: page 2 also by its number
        ("wp-twentytwentyone", "a.next.page-numbers"),  # paginate_links(), mid_size 0
        ("wp-twentytwentyfour", "a.wp-block-query-pagination-next"),  # the query loop: no page numbers at all
    ],
)
def test_page_two_is_linked_only_by_the_products_next_link_which_the_pagination_block_holds(
    site_mirror: MirrorServer, theme: str, next_link: str
) -> None:
    style = themed_site(theme)
    first, second, *_ = listing_paths(site_mirror, style)
    page = Selector(text=_page_text(site_mirror, theme, first))
    second_url = site_mirror.base_url + second
    assert page.css("body a[rel=next]") == []
    numbered = 1 if theme == "wp-twentyseventeen" else 0
    assert page.css("a::attr(href)").getall().count(second_url) == 1 + numbered
    assert page.css(f"{next_link}::attr(href)").getall() == [second_url]
    assert second_url in page.css(SITE.pagination_css).css("a::attr(href)").getall()


# --- recognising the type -----------------------------------------------------------------


def _page_type(text: str, url: str) -> str:
    document = lxml_html.document_fromstring(text)
    metas = [
        ((meta.get("name") or meta.get("property") or "").lower(), meta.get("content") or "")
        for meta in document.iter("meta")
    ]
    return page_site_type(document, metas, url, text)


@pytest.mark.parametrize("theme", THEMES)
def test_pages_without_the_generator_meta_are_recognised_as_wordpress(site_mirror: MirrorServer, theme: str) -> None:
    """By the wp-content/wp-includes paths when a security plugin removed the generator meta.

    (With it, every themed page is recognised: ``test_themed_sites.py``.)
    """
    style = themed_site(theme)
    paths = [article_path(style, a) for a in site_mirror.articles(theme)] + listing_paths(site_mirror, style)
    for path in paths:
        text = re.sub(r'<meta name="generator"[^>]*>', "", _page_text(site_mirror, theme, path))
        assert '<meta name="generator"' not in text
        assert _page_type(text, site_mirror.base_url + path) == "wordpress", path
