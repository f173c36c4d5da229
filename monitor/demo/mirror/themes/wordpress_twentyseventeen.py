"""A WordPress 5.5 site in Twenty Seventeen with Yoast SEO, ``/archives/N`` permalinks, the blog as home page, zh_CN.

Followed (WordPress 5.5.20 as released, read in the johnpbloch/wordpress-core
mirror of the release tags): the theme's ``header.php``, ``index.php``,
``single.php``, ``sidebar.php``, ``footer.php``, ``comments.php``,
``template-parts/header/{header-image,site-branding}.php``,
``template-parts/post/content.php``, ``template-parts/footer/site-info.php``
and ``inc/template-tags.php`` (``twentyseventeen_posted_on``,
``twentyseventeen_time_link``, ``twentyseventeen_entry_footer``); core's
``paginate_links()``, ``get_the_posts_pagination()`` and
``get_the_post_navigation()`` of that release (``role="navigation"`` still
on the ``<nav>``), and its classic widgets (``widget_recent_entries`` …).
The ``<head>`` block is Yoast SEO 15's as it prints it on a post: its own
``<title>`` (separator ``-``), canonical, Open Graph and ``article:*`` metas
and the ``yoast-schema-graph`` JSON-LD.

What that gives, and what is hard about it:

* On the blog home (the listing) the site title is ``<h1 class="site-title">``
  and each post's title an ``<h3 class="entry-title">``; on a post the site
  title is a ``<p>`` and the post's ``<h1 class="entry-title">`` follows the
  entry meta.
* The date is printed *above* the title, in the entry header:
  ``<span class="screen-reader-text">发布于</span> <a rel="bookmark"><time
  class="entry-date published updated" datetime="…+08:00">2026年12月2日</time></a>``.
  Yoast's ``article:published_time`` and JSON-LD ``datePublished`` give the
  same instant in UTC (``…T01:30:00+00:00``): read as a local time, it is
  eight hours off.
* The body class has ``has-sidebar``; the sidebar (``<aside id="secondary">``)
  holds the classic Recent Posts, Recent Comments, Archives, Categories and
  Meta widgets.
* The editor ends the post with ``文章来源：新华社　责任编辑：李明`` on one line.
* The listing shows each post up to its ``<!--more-->`` tag (the first
  paragraph, in full) and ``继续阅读“…”``; the pager is ``the_posts_pagination()``
  with mid_size 1 whose next link says ``下一页`` only to screen readers,
  beside an SVG arrow; page N is ``/page/N/``.
"""

# ruff: noqa: E501  (markup lines as long as WordPress prints them)

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._wordpress import (
    TAGS,
    head_links,
    home_url,
    listing_link,
    month_archives,
    neighbours,
    permalink,
    singular_links,
    visitor_comment,
    w3c,
    wp_slug,
    zh_date,
    zh_time,
)

VERSION = "5.5.20"
THEME_VERSION = "2.4"
YOAST = "15.9"
CATEGORY_SLUG = "tzdt"
ICP = "苏ICP备19012345号-3"
TAGLINE = "园区招商与项目服务"
REST = "/wp-json/"


def post_id(article: MirrorArticle) -> int:
    """The post's ID in the site's database (and its ``/archives/N`` permalink)."""
    return 3000 + article.article_id


def article_path(article: MirrorArticle) -> str:
    """The numeric permalink structure ``/archives/%post_id%``."""
    return f"/archives/{post_id(article)}"


def listing_path(page: int) -> str:
    """The blog home and its ``/page/N/`` pages."""
    return "/" if page == 1 else f"/page/{page}/"


def _svg(icon: str) -> str:
    # twentyseventeen_get_svg(): a <use> of the theme's sprite.
    return f'<svg class="icon icon-{icon}" aria-hidden="true" role="img"> <use href="#icon-{icon}" xlink:href="#icon-{icon}"></use> </svg>'


def _utc(article: MirrorArticle) -> str:
    # Yoast prints post_date_gmt: the site's Beijing time minus eight hours.
    return f"{article.published - timedelta(hours=8):%Y-%m-%dT%H:%M:%S}+00:00"


def _yoast(page: ThemePage, article: MirrorArticle, description: str) -> str:
    """Yoast SEO's block: description, canonical, Open Graph, article times, Twitter card, schema graph."""
    home = home_url(page)
    link = permalink(page, article)
    site = page.theme.site_name
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": f"{home}/#website", "url": f"{home}/", "name": site, "inLanguage": "zh-CN"},
            {
                "@type": "WebPage",
                "@id": f"{link}#webpage",
                "url": link,
                "name": f"{article.title} - {site}",
                "isPartOf": {"@id": f"{home}/#website"},
                "datePublished": _utc(article),
                "dateModified": _utc(article),
                "inLanguage": "zh-CN",
            },
            {
                "@type": "Article",
                "@id": f"{link}#article",
                "isPartOf": {"@id": f"{link}#webpage"},
                "headline": article.title,
                "datePublished": _utc(article),
                "dateModified": _utc(article),
                "mainEntityOfPage": {"@id": f"{link}#webpage"},
                "articleSection": page.theme.category,
                "inLanguage": "zh-CN",
            },
        ],
    }
    schema = json.dumps(graph, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = escape(article.title)
    return f"""
<!-- This site is optimized with the Yoast SEO plugin v{YOAST} - https://yoast.com/wordpress/plugins/seo/ -->
<meta name="description" content="{escape(description)}" />
<meta name="robots" content="index, follow, max-snippet:-1, max-image-preview:large, max-video-preview:-1" />
<link rel="canonical" href="{link}" />
<meta property="og:locale" content="zh_CN" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{title} - {escape(site)}" />
<meta property="og:description" content="{escape(description)}" />
<meta property="og:url" content="{link}" />
<meta property="og:site_name" content="{escape(site)}" />
<meta property="article:published_time" content="{_utc(article)}" />
<meta property="article:modified_time" content="{_utc(article)}" />
<meta name="twitter:card" content="summary_large_image" />
<meta name="twitter:label1" content="作者">
	<meta name="twitter:data1" content="{escape(article.author or "admin")}">
<script type="application/ld+json" class="yoast-schema-graph">{schema}</script>
<!-- / Yoast SEO plugin. -->
"""


def _document(page: ThemePage, head: str, body_class: str, main: str, front: bool) -> str:
    """``header.php`` (custom header with the site branding), the ``.wrap`` around ``main`` and the sidebar, ``footer.php``."""
    home = home_url(page)
    site = escape(page.theme.site_name)
    site_title = (
        f'<h1 class="site-title"><a href="{home}/" rel="home">{site}</a></h1>'
        if front
        else f'<p class="site-title"><a href="{home}/" rel="home">{site}</a></p>'
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN" class="no-js no-svg">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<script>(function(html){{html.className = html.className.replace(/\\bno-js\\b/,'js')}})(document.documentElement);</script>
{head}
<link rel='stylesheet' id='twentyseventeen-style-css'  href='{home}/wp-content/themes/twentyseventeen/style.css?ver=20190507' media='all' />
<link rel="wlwmanifest" type="application/wlwmanifest+xml" href="{home}/wp-includes/wlwmanifest.xml" />
</head>

<body class="{body_class} has-header-image has-sidebar colors-light">
<div id="page" class="site">
	<a class="skip-link screen-reader-text" href="#content">跳至内容</a>

	<header id="masthead" class="site-header" role="banner">

		<div class="custom-header">

		<div class="custom-header-media">
			<div id="wp-custom-header" class="wp-custom-header"><img src="{home}/wp-content/themes/twentyseventeen/assets/images/header.jpg" width="2000" height="1200" alt="{site}" /></div>		</div>

	<div class="site-branding">
	<div class="wrap">

		<div class="site-branding-text">
							{site_title}

								<p class="site-description">{escape(TAGLINE)}</p>
						</div><!-- .site-branding-text -->

	</div><!-- .wrap -->
</div><!-- .site-branding -->

</div><!-- .custom-header -->

					<div class="navigation-top">
				<div class="wrap">
					<nav id="site-navigation" class="main-navigation" role="navigation" aria-label="顶部菜单">
	<button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">{_svg("bars")}{_svg("close")}菜单</button>

	<div class="menu-top-container"><ul id="top-menu" class="menu"><li id="menu-item-7" class="menu-item menu-item-type-custom menu-item-object-custom current-menu-item current_page_item menu-item-home menu-item-7"><a href="{home}/">首页</a></li>
<li id="menu-item-8" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-8"><a href="{home}/archives/category/{CATEGORY_SLUG}">{escape(page.theme.category)}</a></li>
<li id="menu-item-9" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-9"><a href="{home}/contact">联系我们</a></li>
</ul></div>
	</nav><!-- #site-navigation -->
				</div><!-- .wrap -->
			</div><!-- .navigation-top -->

	</header><!-- #masthead -->


	<div class="site-content-contain">
		<div id="content" class="site-content">

<div class="wrap">
{main}
	{_sidebar(page)}
</div><!-- .wrap -->


		</div><!-- #content -->

		<footer id="colophon" class="site-footer" role="contentinfo">
			<div class="wrap">

<div class="site-info">
		<a href="https://cn.wordpress.org/" class="imprint">
		自豪地采用WordPress	</a>
	<a href="https://beian.miit.gov.cn/" rel="nofollow" target="_blank">{ICP}</a>
</div><!-- .site-info -->
			</div><!-- .wrap -->
		</footer><!-- #colophon -->
	</div><!-- .site-content-contain -->
</div><!-- #page -->
<script src='{home}/wp-content/themes/twentyseventeen/assets/js/global.js?ver=20190121' id='twentyseventeen-global-js'></script>
<script src='{home}/wp-includes/js/wp-embed.min.js?ver={VERSION}' id='wp-embed-js'></script>
<svg style="position: absolute; width: 0; height: 0; overflow: hidden;" version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><symbol id="icon-arrow-right" viewBox="0 0 32 32"><path d="M4 16h22m-8-8 8 8-8 8"></path></symbol></defs></svg>
</body>
</html>
"""


def _sidebar(page: ThemePage) -> str:
    """``sidebar.php``: the classic widgets WordPress 5.5 puts in ``sidebar-1``."""
    home = home_url(page)
    recent = "\n".join(
        f'<li>\n<a href="{permalink(page, item)}">{escape(item.title)}</a>\n</li>' for item in page.recent
    )
    comments = "".join(
        f'<li class="recentcomments"><span class="comment-author-link">{escape(visitor_comment(item)[1])}</span>发表在《'
        f'<a href="{permalink(page, item)}#comment-{visitor_comment(item)[0]}">{escape(item.title)}</a>》</li>'
        for item in page.recent[:3]
    )
    return f"""<aside id="secondary" class="widget-area" role="complementary" aria-label="博客边栏">
	<section id="search-2" class="widget widget_search">

<form role="search" method="get" class="search-form" action="{home}/">
	<label for="search-form-1">
		<span class="screen-reader-text">搜索：</span>
	</label>
	<input type="search" id="search-form-1" class="search-field" placeholder="搜索&hellip;" value="" name="s" />
	<button type="submit" class="search-submit">{_svg("search")}<span class="screen-reader-text">搜索</span></button>
</form>
</section>
		<section id="recent-posts-2" class="widget widget_recent_entries">
		<h2 class="widget-title">近期文章</h2>
		<ul>
{recent}
		</ul>

		</section><section id="recent-comments-2" class="widget widget_recent_comments"><h2 class="widget-title">近期评论</h2><ul id="recentcomments">{comments}</ul></section><section id="archives-2" class="widget widget_archive"><h2 class="widget-title">文章归档</h2>
			<ul>
				{month_archives(page, "/archives/date/{y}/{m:02d}")}
			</ul>

			</section><section id="categories-2" class="widget widget_categories"><h2 class="widget-title">分类目录</h2>
			<ul>
					<li class="cat-item cat-item-2"><a href="{home}/archives/category/{CATEGORY_SLUG}">{escape(page.theme.category)}</a>
</li>
			</ul>

			</section><section id="meta-2" class="widget widget_meta"><h2 class="widget-title">其他操作</h2>
		<ul>
						<li><a href="{home}/wp-login.php">登录</a></li>
			<li><a href="{home}/feed/">条目feed</a></li>
			<li><a href="{home}/comments/feed/">评论feed</a></li>

			<li><a href="https://cn.wordpress.org/">WordPress.org</a></li>
		</ul>

		</section></aside><!-- #secondary -->"""


def _time_link(page: ThemePage, article: MirrorArticle) -> str:
    # twentyseventeen_time_link(): 'Posted on' (发布于) only for screen readers, the time linked to the post.
    return (
        f'<span class="screen-reader-text">发布于</span> <a href="{permalink(page, article)}" rel="bookmark">'
        f'<time class="entry-date published updated" datetime="{w3c(article.published)}">{zh_date(article.published)}</time></a>'
    )


def _content(article: MirrorArticle) -> str:
    """``the_content()`` on the post: the paragraphs, the more tag's anchor, the editor's closing line."""
    first, *rest = article.paragraphs
    lines = [f"<p>{escape(first)}</p>", f'<p><span id="more-{post_id(article)}"></span></p>']
    lines += [f"<p>{escape(line)}</p>" for line in rest]
    if article.source:
        lines.append(f"<p>文章来源：{escape(article.source)}　责任编辑：{escape(article.author or 'admin')}</p>")
    return "\n".join(lines)


def _comments(page: ThemePage, article: MirrorArticle) -> str:
    home = home_url(page)
    link = permalink(page, article)
    cid, author, text, when = visitor_comment(article)
    return f"""
<div id="comments" class="comments-area">

			<h2 class="comments-title">
			《{escape(article.title)}》有1条评论		</h2>

		<ol class="comment-list">
					<li id="comment-{cid}" class="comment even thread-even depth-1 parent">
			<article id="div-comment-{cid}" class="comment-body">
				<footer class="comment-meta">
					<div class="comment-author vcard">
						<img alt='' src='https://cravatar.cn/avatar/?s=100&#038;d=mm&#038;r=g' class='avatar avatar-100 photo avatar-default' height='100' width='100' loading='lazy'/>						<b class="fn">{escape(author)}</b> <span class="says">说道：</span>					</div><!-- .comment-author -->

					<div class="comment-metadata">
						<a href="{link}#comment-{cid}"><time datetime="{w3c(when)}">{zh_date(when)} {zh_time(when)}</time></a>					</div><!-- .comment-metadata -->

									</footer><!-- .comment-meta -->

				<div class="comment-content">
					<p>{escape(text)}</p>
				</div><!-- .comment-content -->

				<div class="reply"><a rel='nofollow' class='comment-reply-link' href='{link}?replytocom={cid}#respond' data-commentid="{cid}" data-postid="{post_id(article)}" data-belowelement="div-comment-{cid}" data-respondelement="respond" data-replyto="回复给{escape(author)}" aria-label='回复给{escape(author)}'>{_svg("mail-reply")}回复</a></div>			</article><!-- .comment-body -->
		</li><!-- #comment-## -->
		</ol>

			<div id="respond" class="comment-respond">
		<h3 id="reply-title" class="comment-reply-title">发表评论 <small><a rel="nofollow" id="cancel-comment-reply-link" href="{link}#respond" style="display:none;">取消回复</a></small></h3><form action="{home}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">您的电子邮箱地址不会被公开。</span> 必填项已用<span class="required">*</span>标注</p><p class="comment-form-comment"><label for="comment">评论</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required="required"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="发表评论" /> <input type='hidden' name='comment_post_ID' value='{post_id(article)}' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' />
</p></form>	</div><!-- #respond -->

</div><!-- #comments -->
"""


def _post_navigation(page: ThemePage, article: MirrorArticle) -> str:
    older, newer = neighbours(page, article)
    parts = []
    if older is not None:
        parts.append(
            f'<div class="nav-previous"><a href="{permalink(page, older)}" rel="prev"><span class="screen-reader-text">上一篇文章</span>'
            f'<span aria-hidden="true" class="nav-subtitle">上一篇</span> <span class="nav-title"><span class="nav-title-icon-wrapper">'
            f"{_svg('arrow-left')}</span>{escape(older.title)}</span></a></div>"
        )
    if newer is not None:
        parts.append(
            f'<div class="nav-next"><a href="{permalink(page, newer)}" rel="next"><span class="screen-reader-text">下一篇文章</span>'
            f'<span aria-hidden="true" class="nav-subtitle">下一篇</span> <span class="nav-title">{escape(newer.title)}'
            f'<span class="nav-title-icon-wrapper">{_svg("arrow-right")}</span></span></a></div>'
        )
    if not parts:
        return ""
    return (
        '\n	<nav class="navigation post-navigation" role="navigation" aria-label="文章">\n		<h2 class="screen-reader-text">文章导航</h2>\n'
        f'		<div class="nav-links">{"".join(parts)}</div>\n	</nav>'
    )


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """``single.php``: the post (entry meta above the title), comments, post navigation."""
    home = home_url(page)
    pid = post_id(article)
    title = escape(article.title)
    description = article.paragraphs[0][:80] if article.paragraphs else ""
    head = "\n".join(
        [
            _yoast(page, article, description),
            head_links(
                page,
                f"{title} - {escape(page.theme.site_name)}",
                [(f"{article.title}评论Feed", permalink(page, article) + "/feed")],
                VERSION,
                REST,
                robots=False,
            ),
            singular_links(page, article, pid, REST, canonical=False),
        ]
    )
    tags = "、".join(f'<a href="{home}/archives/tag/{wp_slug(tag)}" rel="tag">{tag}</a>' for tag in TAGS)
    main = f"""	<div id="primary" class="content-area">
		<main id="main" class="site-main" role="main">

<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-{CATEGORY_SLUG}">
		<header class="entry-header">
		<div class="entry-meta"><span class="posted-on">{_time_link(page, article)}</span><span class="byline"> 作者 <span class="author vcard"><a class="url fn n" href="{home}/archives/author/{article.article_id % 3 + 1}">{escape(article.author or "admin")}</a></span></span></div><!-- .entry-meta --><h1 class="entry-title">{title}</h1>	</header><!-- .entry-header -->

	<div class="entry-content">
		{_content(article)}
	</div><!-- .entry-content -->

	<footer class="entry-footer"><span class="cat-tags-links"><span class="tags-links">{_svg("hashtag")}<span class="screen-reader-text">标签</span>{tags}</span></span></footer> <!-- .entry-footer -->
</article><!-- #post-{pid} -->
{_comments(page, article)}{_post_navigation(page, article)}

		</main><!-- #main -->
	</div><!-- #primary -->"""
    body_class = f"post-template-default single single-post postid-{pid} single-format-standard"
    return _document(page, head, body_class, main, front=False)


def _entry(page: ThemePage, article: MirrorArticle) -> str:
    """``template-parts/post/content.php`` on the blog home: up to the more tag."""
    pid = post_id(article)
    link = permalink(page, article)
    first = escape(article.paragraphs[0]) if article.paragraphs else ""
    return f"""
<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-{CATEGORY_SLUG}">
		<header class="entry-header">
		<div class="entry-meta">{_time_link(page, article)}</div><!-- .entry-meta --><h3 class="entry-title"><a href="{link}" rel="bookmark">{escape(article.title)}</a></h3>	</header><!-- .entry-header -->

	<div class="entry-content">
		<p>{first}</p>
<p> <a href="{link}#more-{pid}" class="more-link">继续阅读<span class="screen-reader-text">“{escape(article.title)}”</span></a></p>
	</div><!-- .entry-content -->

</article><!-- #post-{pid} -->
"""


def _pagination(page: ThemePage, number: int, pages: int) -> str:
    """``the_posts_pagination()`` as ``index.php`` calls it: default mid_size 1, screen-reader labels, SVG arrows."""
    label = '<span class="meta-nav screen-reader-text">页 </span>'
    links = []
    if number > 1:
        links.append(
            f'<a class="prev page-numbers" href="{listing_link(page, number - 1)}">{_svg("arrow-left")}'
            '<span class="screen-reader-text">上一页</span></a>'
        )
    dots = False
    for n in range(1, pages + 1):
        if n == number:
            links.append(f'<span aria-current="page" class="page-numbers current">{label}{n}</span>')
            dots = True
        elif n <= 1 or number - 1 <= n <= number + 1 or n > pages - 1:
            links.append(f'<a class="page-numbers" href="{listing_link(page, n)}">{label}{n}</a>')
            dots = True
        elif dots:
            links.append('<span class="page-numbers dots">&hellip;</span>')
            dots = False
    if number < pages:
        links.append(
            f'<a class="next page-numbers" href="{listing_link(page, number + 1)}"><span class="screen-reader-text">下一页</span>'
            f"{_svg('arrow-right')}</a>"
        )
    joined = "\n".join(links)
    return (
        '\n	<nav class="navigation pagination" role="navigation" aria-label="文章">\n		<h2 class="screen-reader-text">文章导航</h2>\n'
        f'		<div class="nav-links">{joined}</div>\n	</nav>'
    )


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """``index.php`` on the blog home: the posts up to their more tags, the pager, the sidebar."""
    site = escape(page.theme.site_name)
    paged = f" - 第{number}页" if number > 1 else ""
    yoast = (
        f"\n<!-- This site is optimized with the Yoast SEO plugin v{YOAST} - https://yoast.com/wordpress/plugins/seo/ -->\n"
        f'<meta name="description" content="{escape(TAGLINE)}" />\n'
        f'<link rel="canonical" href="{listing_link(page, number)}" />\n'
        + (f'<link rel="prev" href="{listing_link(page, number - 1)}" />\n' if number > 1 else "")
        + (f'<link rel="next" href="{listing_link(page, number + 1)}" />\n' if number < pages else "")
        + f'<meta property="og:locale" content="zh_CN" />\n<meta property="og:type" content="website" />\n'
        f'<meta property="og:title" content="{site}{paged}" />\n<meta property="og:site_name" content="{site}" />\n'
        "<!-- / Yoast SEO plugin. -->\n"
    )
    head = yoast + head_links(page, f"{site}{paged} - {escape(TAGLINE)}", [], VERSION, REST, robots=False)
    main = f"""		<header class="page-header">
		<h2 class="page-title">文章</h2>
	</header>

	<div id="primary" class="content-area">
		<main id="main" class="site-main" role="main">
{"".join(_entry(page, article) for article in articles)}
{_pagination(page, number, pages)}
		</main><!-- #main -->
	</div><!-- #primary -->"""
    paged_class = f" paged paged-{number}" if number > 1 else ""
    body_class = f"home blog{paged_class} hfeed"
    return _document(page, head, body_class, main, front=True)


THEME = Theme(
    name="wp-twentyseventeen",
    site_type="wordpress",
    follows=(
        "WordPress 5.5.20 (zh_CN) with Twenty Seventeen 2.4, wp-content/themes/twentyseventeen/"
        "{header,index,single,sidebar,footer,comments}.php, template-parts/header/{header-image,site-branding}.php, "
        "template-parts/post/content.php, template-parts/footer/site-info.php, inc/template-tags.php; "
        "wp-includes/general-template.php paginate_links(), link-template.php get_the_posts_pagination(), "
        "the classic widgets; Yoast SEO 15.9's head block"
    ),
    site_name="昆山开发区招商服务网",
    category="投资动态",
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/archives/\d+$",
    shows_time=True,
)
