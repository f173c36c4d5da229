"""What the WordPress themes share: slugs, dates and the pieces WordPress core prints on every page.

WordPress core (not the theme) prints most of a page's ``<head>``: the
``<title>`` joined with ``&#8211;`` (``wp_get_document_title``), the RSS
``<link rel="alternate">`` feeds, the REST API and RSD links, ``<meta
name="generator" content="WordPress 6.x">``, the canonical and short links
(``wp-includes/default-filters.php``, ``general-template.php``,
``link-template.php``).  Slugs are ``sanitize_title_with_dashes`` of the
title (``wp-includes/formatting.php``): a Chinese title becomes its UTF-8
bytes in *lower-case* percent escapes, cut at 200 characters of escapes.
Dates are the zh_CN locale's: ``Y年n月j日`` for dates, ``ag:i`` (``上午9:30``)
for times, and ``M`` month abbreviations ``5月``; the ``datetime``
attributes are ISO 8601 with the site's +08:00 offset (``DATE_W3C``).

Nothing here is a theme (the registry skips ``_`` modules): the
``wordpress_twentyseventeen``, ``wordpress_twentytwentyone`` and
``wordpress_twentytwentyfour`` modules draw the pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from urllib.parse import quote, urlsplit

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import ThemePage

# Characters ``sanitize_title_with_dashes`` keeps besides percent escapes.
_SLUG_KEEPS = re.compile(r"[^%a-z0-9 _-]")
_SLUG_MAX = 200
# What the 'save' context does to the escapes (a post's slug is saved): the
# no-break space, dashes and '/' become hyphens, quotes, marks, the ellipsis and
# invisible characters go, wide spaces become hyphens, the multiplication sign x.
_SAVE_CONTEXT: tuple[tuple[tuple[str, ...], str], ...] = (
    (("%c2%a0", "%e2%80%93", "%e2%80%94", "/"), "-"),
    (
        (
            *("%c2%ad", "%c2%a1", "%c2%bf", "%c2%ab", "%c2%bb", "%e2%80%b9", "%e2%80%ba"),
            *("%e2%80%98", "%e2%80%99", "%e2%80%9c", "%e2%80%9d", "%e2%80%9a", "%e2%80%9b", "%e2%80%9e", "%e2%80%9f"),
            *("%e2%80%a2", "%c2%a9", "%c2%ae", "%c2%b0", "%e2%80%a6", "%e2%84%a2"),
            *("%c2%b4", "%cb%8a", "%cc%81", "%cd%81", "%cc%80", "%cc%84", "%cc%8c"),
            *(f"%e2%80%{code:x}" for code in (*range(0x8B, 0x90), *range(0xAA, 0xAF))),
            "%ef%bb%bf",
        ),
        "",
    ),
    ((*(f"%e2%80%{code:x}" for code in range(0x80, 0x8B)), "%e2%80%a8", "%e2%80%a9", "%e2%80%af"), "-"),
    (("%c3%97",), "x"),
)

# The visitors' comments a post carries: short, and prose (so a cleaner that
# keeps the comment block would show it in the body).
_COMMENTS = (
    ("园区招商小王", "项目落地以后，希望能带动周边配套产业一起发展。"),
    ("老厂房业主", "请问园区里还有标准厂房出租吗？面积一千平方米左右。"),
    ("投促观察", "营商环境越来越好了，签约项目要尽快开工投产才是关键。"),
)
TAGS = ("招商引资", "项目签约", "产业园区")


def wp_slug(title: str) -> str:
    """The slug WordPress saves for a post titled ``title`` (``sanitize_title_with_dashes``, context ``save``).

    As WordPress does it: lower-case, UTF-8 bytes as lower-case escapes up to
    200 characters (never half a character), then the save context's
    replacements, then everything but escapes, letters, digits, ``_`` and
    ``-`` removed and spaces and dots made single dashes.
    """
    encoded, length = [], 0
    for char in title.lower():
        piece = char if ord(char) < 128 else "".join(f"%{byte:x}" for byte in char.encode("utf-8"))
        if length + len(piece) > _SLUG_MAX:
            break  # utf8_uri_encode stops before the character that would pass 200
        encoded.append(piece)
        length += len(piece)
    slug = "".join(encoded)
    for escapes, into in _SAVE_CONTEXT:
        for escaped in escapes:
            slug = slug.replace(escaped, into)
    slug = slug.replace(".", "-")
    slug = _SLUG_KEEPS.sub("", slug)
    slug = re.sub(r"\s+", "-", slug)
    return re.sub(r"-+", "-", slug).strip("-")


def home_url(page: ThemePage) -> str:
    """The site's home URL, absolute as WordPress prints it (``home_url()``, no trailing slash)."""
    parts = urlsplit(page.url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return origin + page.root


def permalink(page: ThemePage, article: MirrorArticle) -> str:
    """The article's absolute permalink (``get_permalink``)."""
    return home_url(page) + page.theme.article_path(article)


def listing_link(page: ThemePage, number: int) -> str:
    """Listing page ``number``'s absolute URL, escaped for an ``href`` the way ``esc_url`` does (``&`` → ``&#038;``)."""
    return (home_url(page) + page.theme.listing_path(number)).replace("&", "&#038;")


def zh_date(moment: datetime) -> str:
    """A date in the zh_CN ``date_format`` ``Y年n月j日``."""
    return f"{moment.year}年{moment.month}月{moment.day}日"


def zh_time(moment: datetime) -> str:
    """A time in the zh_CN ``time_format`` ``ag:i``: ``上午9:30``, ``下午2:30``."""
    hour = moment.hour % 12 or 12
    return f"{'上午' if moment.hour < 12 else '下午'}{hour}:{moment.minute:02d}"


def w3c(moment: datetime) -> str:
    """A ``datetime`` attribute value: ISO 8601 with the site's Asia/Shanghai offset (``DATE_W3C``)."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}+08:00"


def excerpt(text: str, length: int = 55) -> str:
    """``wp_trim_words`` under zh_CN, which counts characters (spaces excluded): the first ``length`` of them."""
    flat = re.sub(r"[\n\r\t ]+", " ", text).strip()
    kept, count = [], 0
    for char in flat:
        if count == length:
            break
        kept.append(char)
        count += char != " "
    return "".join(kept).rstrip()


def head_links(
    page: ThemePage, title: str, feeds: Sequence[tuple[str, str]], version: str, rest: str, robots: bool = True
) -> str:
    """What ``wp_head`` prints for every page: document title, feeds, REST and RSD links, generator.

    ``feeds`` are ``(title, href)`` pairs after the site and comment feeds;
    ``rest`` is the REST API root (``/wp-json/`` with pretty permalinks,
    ``/index.php?rest_route=/`` without).  ``robots``: core's robots meta
    (WordPress 5.7 and later).
    """
    site = escape(page.theme.site_name)
    home = home_url(page)
    pretty = rest.startswith("/wp-json")
    main_feed = f"{home}/feed/" if pretty else f"{home}/?feed=rss2"
    comment_feed = f"{home}/comments/feed/" if pretty else f"{home}/?feed=comments-rss2"
    lines = [
        "<meta name='robots' content='max-image-preview:large' />" if robots else "",
        f"<title>{title}</title>",
        f"<link rel='dns-prefetch' href='//{urlsplit(home).netloc or 'localhost'}' />",
        f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; Feed" href="{main_feed}" />',
        f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; 评论Feed" href="{comment_feed}" />',
        *(
            f'<link rel="alternate" type="application/rss+xml" title="{site} &raquo; {escape(name)}" href="{href}" />'
            for name, href in feeds
        ),
        f"<link rel='stylesheet' id='wp-block-library-css' href='{home}/wp-includes/css/dist/block-library/"
        f"style.min.css?ver={version}' media='all' />",
        f'<link rel="https://api.w.org/" href="{home}{rest}" />',
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{home}/xmlrpc.php?rsd" />',
        f'<meta name="generator" content="WordPress {version}" />',
    ]
    return "\n".join(line for line in lines if line)


def singular_links(page: ThemePage, article: MirrorArticle, post_id: int, rest: str, canonical: bool = True) -> str:
    """The ``<head>`` links of a single post: REST resource, canonical, shortlink, oEmbed.

    ``canonical=False``: an SEO plugin prints its own canonical link and core's goes.
    """
    home = home_url(page)
    link = permalink(page, article)
    pretty = rest.startswith("/wp-json")
    resource = (
        f"{home}/wp-json/wp/v2/posts/{post_id}" if pretty else f"{home}/index.php?rest_route=/wp/v2/posts/{post_id}"
    )
    oembed = (
        f"{home}/wp-json/oembed/1.0/embed?url={quote(link, safe='')}"
        if pretty
        else f"{home}/index.php?rest_route=%2Foembed%2F1.0%2Fembed&#038;url={quote(link, safe='')}"
    )
    lines = [
        f'<link rel="alternate" type="application/json" href="{resource}" />',
        f'<link rel="canonical" href="{link.replace("&", "&#038;")}" />' if canonical else "",
        f"<link rel='shortlink' href='{home}/?p={post_id}' />",
        f'<link rel="alternate" type="application/json+oembed" href="{oembed}" />',
    ]
    return "\n".join(line for line in lines if line)


def neighbours(page: ThemePage, article: MirrorArticle) -> tuple[MirrorArticle | None, MirrorArticle | None]:
    """The previous (older) and next (newer) posts, when the site's newest posts include them."""
    ids = [item.article_id for item in page.recent]
    if article.article_id not in ids:
        return None, None
    at = ids.index(article.article_id)
    older = page.recent[at + 1] if at + 1 < len(page.recent) else None
    newer = page.recent[at - 1] if at > 0 else None
    return older, newer


def visitor_comment(article: MirrorArticle) -> tuple[int, str, str, datetime]:
    """The one approved comment a post carries: its id, author, text and time."""
    author, text = _COMMENTS[article.article_id % len(_COMMENTS)]
    when = article.published + timedelta(hours=3, minutes=17 + article.article_id)
    return 100 + article.article_id, author, text, when


def latest_posts(page: ThemePage, limit: int = 5) -> str:
    """The items of a Latest Posts block (``core/latest-posts``): the site's newest posts."""
    return "".join(
        f'<li><a class="wp-block-latest-posts__post-title" href="{permalink(page, item)}">{escape(item.title)}</a></li>'
        for item in page.recent[:limit]
    )


def month_archives(page: ThemePage, link: str) -> str:
    """The items of an Archives block: one per month of the newest posts (``link`` formats ``{y}``/``{m}``)."""
    months = list(dict.fromkeys((item.published.year, item.published.month) for item in page.recent))
    return "".join(
        f"<li><a href='{home_url(page)}{link.format(y=year, m=month)}'>{year}年{month}月</a></li>"
        for year, month in months
    )
