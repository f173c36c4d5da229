"""A WordPress 6.3 site in the classic default theme Twenty Twenty-One, pretty permalinks, zh_CN.

Followed (WordPress 6.3.5 as released, read in the johnpbloch/wordpress-core
mirror of the release tags): the theme's ``header.php``,
``template-parts/header/{site-header,site-branding,site-nav}.php``,
``single.php``, ``template-parts/content/{content-single,content}.php``,
``archive.php``, ``comments.php``, ``footer.php``,
``template-parts/footer/footer-widgets.php``, ``inc/template-tags.php``
and ``inc/template-functions.php``; core's ``paginate_links()`` and
``get_the_posts_pagination()`` (``wp-includes/general-template.php``,
``link-template.php``) and ``get_the_post_navigation()``.

What that gives, and what is hard about it:

* The site title is a ``<p class="site-title">`` on every page but the
  front page, so the post's ``<h1 class="entry-title">`` is the only ``h1``.
* The date is *below* the post, in ``<footer class="entry-footer">``:
  ``发布于 <time class="entry-date published updated" datetime="…+08:00">2024年5月26日</time>``
  (``twenty_twenty_one_posted_on``); the visible date has no time, the
  ``datetime`` attribute has it.  A cleaner that drops ``<footer>`` as chrome
  loses the date.  The comment below the post has a ``<time datetime>`` too.
* WordPress has no 来源 field: the editor types it as the post's first
  paragraph, ``来源：肥西发布``, inside ``<div class="entry-content">``.
* A related-posts plugin (YARPP's list template) appends ``相关文章：`` and
  its list *inside* ``entry-content``.
* Permalinks ``/%year%/%monthnum%/%day%/%postname%/``: the slug of a Chinese
  title is its UTF-8 bytes in lower-case percent escapes, cut at 200.
* The category archive ``/category/zsdt/`` pages as ``/category/zsdt/page/2/``
  with ``the_posts_pagination()`` as Twenty Twenty-One calls it: ``mid_size``
  0, so page 1 links page 2 only through ``<a class="next page-numbers">``
  whose text is ``较早文章`` and an SVG arrow; no ``rel="next"`` anywhere.
* Listing entries are excerpts: the first 55 characters of the post (its
  来源 line included) and ``&hellip; 继续阅读``.
"""

# ruff: noqa: E501  (markup lines as long as WordPress prints them)

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage
from monitor.demo.mirror.themes._wordpress import (
    TAGS,
    excerpt,
    head_links,
    home_url,
    latest_posts,
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

VERSION = "6.3.5"
THEME_VERSION = "1.9"
CATEGORY_SLUG = "zsdt"
CATEGORY_ID = 3
# post_class() names a tag by its ID when its slug is percent escapes (sanitize_html_class drops them).
TAG_ID = 5
ICP = "皖ICP备2021008826号-1"
TAGLINE = "项目签约 · 产业落地 · 营商环境"
REST = "/wp-json/"
# Twenty Twenty-One's arrow icons (twenty_twenty_one_get_icon_svg 'ui' arrow_left/arrow_right), our own path data.
_ARROW_LEFT = (
    '<svg class="svg-icon" width="24" height="24" aria-hidden="true" role="img" focusable="false" '
    'viewBox="0 0 24 24" fill="none" xmlns="http://www.w3.org/2000/svg"><path d="M20 12H5m5-6-6 6 6 6" '
    'stroke="currentColor" stroke-width="1.5"/></svg>'
)
_ARROW_RIGHT = _ARROW_LEFT.replace('d="M20 12H5m5-6-6 6 6 6"', 'd="M4 12h15m-5-6 6 6-6 6"')


def post_id(article: MirrorArticle) -> int:
    """The post's ID in the site's database."""
    return 2000 + article.article_id


def article_path(article: MirrorArticle) -> str:
    """``/%year%/%monthnum%/%day%/%postname%/`` with the slug WordPress makes of the Chinese title."""
    return f"/{article.published:%Y/%m/%d}/{wp_slug(article.title)}/"


def listing_path(page: int) -> str:
    """The category archive and its ``/page/N/`` pages."""
    return f"/category/{CATEGORY_SLUG}/" if page == 1 else f"/category/{CATEGORY_SLUG}/page/{page}/"


def _document(page: ThemePage, head: str, body_class: str, main: str) -> str:
    """The page around ``main``: ``header.php``, the footer widget area and ``footer.php``."""
    home = home_url(page)
    site = escape(page.theme.site_name)
    return f"""<!doctype html>
<html lang="zh-Hans" >
<head>
	<meta charset="UTF-8" />
	<meta name="viewport" content="width=device-width, initial-scale=1" />
{head}
<link rel='stylesheet' id='twenty-twenty-one-style-css' href='{home}/wp-content/themes/twentytwentyone/style.css?ver={THEME_VERSION}' media='all' />
<link rel='stylesheet' id='twenty-twenty-one-print-style-css' href='{home}/wp-content/themes/twentytwentyone/assets/css/print.css?ver={THEME_VERSION}' media='print' />
</head>

<body class="{body_class} wp-embed-responsive is-light-theme no-js has-main-navigation">
<div id="page" class="site">
	<a class="skip-link screen-reader-text" href="#content">跳至内容</a>

<header id="masthead" class="site-header has-title-and-tagline has-menu" role="banner">

<div class="site-branding">
			<p class="site-title"><a href="{home}/" rel="home">{site}</a></p>
			<p class="site-description">
			{escape(TAGLINE)}		</p>
	</div><!-- .site-branding -->

	<nav id="site-navigation" class="primary-navigation" role="navigation" aria-label="主菜单">
		<div class="menu-button-container">
			<button id="primary-mobile-menu" class="button" aria-controls="primary-menu-list" aria-expanded="false">
				<span class="dropdown-icon open">菜单</span>
				<span class="dropdown-icon close">关闭</span>
			</button><!-- #primary-mobile-menu -->
		</div><!-- .menu-button-container -->
		<div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper"><li id="menu-item-21" class="menu-item menu-item-type-custom menu-item-object-custom menu-item-home menu-item-21"><a href="{home}/">首页</a></li>
<li id="menu-item-22" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-22"><a href="{home}/category/{CATEGORY_SLUG}/">{escape(page.theme.category)}</a></li>
<li id="menu-item-23" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-23"><a href="{home}/category/zcfg/">政策法规</a></li>
<li id="menu-item-24" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-24"><a href="{home}/about/">关于我们</a></li>
</ul></div>	</nav><!-- #site-navigation -->

</header><!-- #masthead -->

	<div id="content" class="site-content">
		<div id="primary" class="content-area">
			<main id="main" class="site-main">
{main}
			</main><!-- #main -->
		</div><!-- #primary -->
	</div><!-- #content -->

	{_widgets(page)}

	<footer id="colophon" class="site-footer" role="contentinfo">

				<div class="site-info">
			<div class="site-name">
																<a href="{home}/">{site}</a>
													</div><!-- .site-name -->
			<div class="powered-by">
				自豪地由<a href="https://cn.wordpress.org/">WordPress</a>驱动。			</div><!-- .powered-by -->
			<div class="icp-number"><a href="https://beian.miit.gov.cn/" rel="nofollow" target="_blank">{ICP}</a></div>

		</div><!-- .site-info -->
	</footer><!-- #colophon -->

</div><!-- #page -->

<script>document.body.classList.remove("no-js");</script>
<script src='{home}/wp-content/themes/twentytwentyone/assets/js/primary-navigation.js?ver={THEME_VERSION}' id='twenty-twenty-one-primary-navigation-script-js'></script>

</body>
</html>
"""


def _widgets(page: ThemePage) -> str:
    """``sidebar-1`` in the footer widget area, with the block widgets a fresh 5.8+ install puts there."""
    home = home_url(page)
    recent_comments = "".join(
        f'<li class="wp-block-latest-comments__comment"><article><footer class="wp-block-latest-comments__comment-meta">'
        f'<span class="wp-block-latest-comments__comment-author">{escape(visitor_comment(item)[1])}</span>发表在《'
        f'<a class="wp-block-latest-comments__comment-link" href="{permalink(page, item)}#comment-{visitor_comment(item)[0]}">'
        f"{escape(item.title)}</a>》</footer></article></li>"
        for item in page.recent[:3]
    )
    return f"""<aside class="widget-area">
		<section id="block-2" class="widget widget_block widget_search"><form role="search" method="get" action="{home}/" class="wp-block-search__button-outside wp-block-search__text-button wp-block-search"><label class="wp-block-search__label" for="wp-block-search__input-1" >搜索</label><div class="wp-block-search__inside-wrapper " ><input class="wp-block-search__input" id="wp-block-search__input-1" placeholder="" value="" type="search" name="s" required /><button aria-label="搜索" class="wp-block-search__button wp-element-button" type="submit" >搜索</button></div></form></section>
		<section id="block-3" class="widget widget_block"><div class="wp-block-group"><div class="wp-block-group__inner-container is-layout-flow wp-block-group-is-layout-flow"><h2 class="wp-block-heading">近期文章</h2><ul class="wp-block-latest-posts__list wp-block-latest-posts">{latest_posts(page)}</ul></div></div></section>
		<section id="block-4" class="widget widget_block"><div class="wp-block-group"><div class="wp-block-group__inner-container is-layout-flow wp-block-group-is-layout-flow"><h2 class="wp-block-heading">近期评论</h2><ol class="has-avatars has-dates has-excerpts wp-block-latest-comments">{recent_comments}</ol></div></div></section>
		<section id="block-5" class="widget widget_block"><div class="wp-block-group"><div class="wp-block-group__inner-container is-layout-flow wp-block-group-is-layout-flow"><h2 class="wp-block-heading">归档</h2><ul class="wp-block-archives-list wp-block-archives">{month_archives(page, "/{y}/{m:02d}/")}</ul></div></div></section>
		<section id="block-6" class="widget widget_block"><div class="wp-block-group"><div class="wp-block-group__inner-container is-layout-flow wp-block-group-is-layout-flow"><h2 class="wp-block-heading">分类</h2><ul class="wp-block-categories-list wp-block-categories">	<li class="cat-item cat-item-{CATEGORY_ID}"><a href="{home}/category/{CATEGORY_SLUG}/">{escape(page.theme.category)}</a>
</li>
	<li class="cat-item cat-item-4"><a href="{home}/category/zcfg/">政策法规</a>
</li>
</ul></div></div></section>	</aside><!-- .widget-area -->
"""


def _posted_on(article: MirrorArticle) -> str:
    # twenty_twenty_one_posted_on(): 'Published %s' is 发布于 %s in zh_CN.
    return (
        f'<span class="posted-on">发布于 <time class="entry-date published updated" '
        f'datetime="{w3c(article.published)}">{zh_date(article.published)}</time></span>'
    )


def _taxonomies(page: ThemePage, tags: bool) -> str:
    home = home_url(page)
    tag_links = "、".join(f'<a href="{home}/tag/{wp_slug(tag)}/" rel="tag">{tag}</a>' for tag in TAGS)
    tag_part = f'<span class="tags-links">标签：{tag_links}</span>' if tags else ""
    return (
        f'<div class="post-taxonomies"><span class="cat-links">分类为 <a href="{home}/category/{CATEGORY_SLUG}/" '
        f'rel="category tag">{escape(page.theme.category)}</a> </span>{tag_part}</div>'
    )


def _content(article: MirrorArticle) -> str:
    """``the_content()``: the editor's 来源 line, then the paragraphs, as ``wpautop`` leaves them."""
    lines = [f"来源：{article.source}"] if article.source else []
    lines += article.paragraphs
    return "\n".join(f"<p>{escape(line)}</p>" for line in lines)


def _related(page: ThemePage, article: MirrorArticle) -> str:
    # YARPP's "list" template, appended to the_content(): inside .entry-content.
    others = [item for item in page.recent if item.article_id != article.article_id][:3]
    if not others:
        return ""
    items = "\n".join(
        f'<li><a href="{permalink(page, item)}" rel="bookmark" title="{escape(item.title)}">{escape(item.title)}</a></li>'
        for item in others
    )
    return (
        "<div class='yarpp yarpp-related yarpp-related-website yarpp-template-list'>\n"
        f"<!-- YARPP List -->\n<h3>相关文章：</h3><ol>\n{items}\n</ol>\n</div>"
    )


def _comments(page: ThemePage, article: MirrorArticle) -> str:
    """``comments.php``: one approved comment, and the comment form."""
    home = home_url(page)
    link = permalink(page, article)
    cid, author, text, when = visitor_comment(article)
    return f"""<div id="comments" class="comments-area default-max-width show-avatars">

			<h2 class="comments-title">
							1条评论					</h2><!-- .comments-title -->

		<ol class="comment-list">
					<li id="comment-{cid}" class="comment even thread-even depth-1">
			<article id="div-comment-{cid}" class="comment-body">
				<footer class="comment-meta">
					<div class="comment-author vcard">
						<img alt='' src='https://cravatar.cn/avatar/?s=60&#038;d=mystery&#038;r=g' class='avatar avatar-60 photo avatar-default' height='60' width='60' loading='lazy' decoding='async'/>						<b class="fn">{escape(author)}</b> <span class="says">说道：</span>					</div><!-- .comment-author -->

					<div class="comment-metadata">
						<a href="{link}#comment-{cid}"><time datetime="{w3c(when)}">{zh_date(when)} {zh_time(when)}</time></a>					</div><!-- .comment-metadata -->

									</footer><!-- .comment-meta -->

				<div class="comment-content">
					<p>{escape(text)}</p>
				</div><!-- .comment-content -->

				<div class="reply"><a rel='nofollow' class='comment-reply-link' href='{link}?replytocom={cid}#respond' data-commentid="{cid}" data-postid="{post_id(article)}" data-belowelement="div-comment-{cid}" data-respondelement="respond" data-replyto="回复给{escape(author)}" aria-label='回复给{escape(author)}'>回复</a></div>			</article><!-- .comment-body -->
		</li><!-- #comment-## -->
		</ol><!-- .comment-list -->

			<div id="respond" class="comment-respond">
		<h2 id="reply-title" class="comment-reply-title">发表回复 <small><a rel="nofollow" id="cancel-comment-reply-link" href="{link}#respond" style="display:none;">取消回复</a></small></h2><form action="{home}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">您的邮箱地址不会被公开。</span> <span class="required-field-message">必填项已用 <span class="required">*</span> 标注</span></p><p class="comment-form-comment"><label for="comment">评论 <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="5" maxlength="65525" required></textarea></p><p class="comment-form-author"><label for="author">显示名称 <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>
<p class="comment-form-email"><label for="email">邮箱 <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" autocomplete="email" required /></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="发表评论" /> <input type='hidden' name='comment_post_ID' value='{post_id(article)}' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' />
</p></form>	</div><!-- #respond -->

</div><!-- #comments -->
"""


def _post_navigation(page: ThemePage, article: MirrorArticle) -> str:
    older, newer = neighbours(page, article)
    parts = []
    if older is not None:
        parts.append(
            f'<div class="nav-previous"><a href="{permalink(page, older)}" rel="prev"><p class="meta-nav">'
            f'{_ARROW_LEFT}上一篇文章</p><p class="post-title">{escape(older.title)}</p></a></div>'
        )
    if newer is not None:
        parts.append(
            f'<div class="nav-next"><a href="{permalink(page, newer)}" rel="next"><p class="meta-nav">'
            f'下一篇文章{_ARROW_RIGHT}</p><p class="post-title">{escape(newer.title)}</p></a></div>'
        )
    if not parts:
        return ""
    return (
        '\n	<nav class="navigation post-navigation" aria-label="文章">\n		<h2 class="screen-reader-text">文章导航</h2>\n'
        f'		<div class="nav-links">{"".join(parts)}</div>\n	</nav>'
    )


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """``single.php``: the post, its comments and the post navigation."""
    home = home_url(page)
    title = escape(article.title)
    pid = post_id(article)
    head = "\n".join(
        [
            head_links(
                page,
                f"{title} &#8211; {escape(page.theme.site_name)}",
                [(f"{article.title}评论Feed", permalink(page, article) + "feed/")],
                VERSION,
                REST,
            ),
            singular_links(page, article, pid, REST),
        ]
    )
    main = f"""
<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-{CATEGORY_SLUG} tag-{TAG_ID} entry">

	<header class="entry-header alignwide">
		<h1 class="entry-title">{title}</h1>			</header><!-- .entry-header -->

	<div class="entry-content">
		{_content(article)}
{_related(page, article)}
	</div><!-- .entry-content -->

	<footer class="entry-footer default-max-width">
		<div class="posted-by">{_posted_on(article)}<span class="byline">作者：<a href="{home}/author/{article.article_id % 3 + 1}/" rel="author">{escape(article.author or "admin")}</a></span></div>{_taxonomies(page, tags=True)}	</footer><!-- .entry-footer -->


</article><!-- #post-{pid} -->

{_comments(page, article)}{_post_navigation(page, article)}"""
    body_class = f"post-template-default single single-post postid-{pid} single-format-standard singular"
    return _document(page, head, body_class, main)


def _pagination(page: ThemePage, number: int, pages: int) -> str:
    """``the_posts_pagination()`` as ``twenty_twenty_one_the_posts_navigation()`` calls it (mid_size 0)."""
    links = []
    if number > 1:
        links.append(
            f'<a class="prev page-numbers" href="{listing_link(page, number - 1)}">{_ARROW_LEFT} '
            '<span class="nav-prev-text">较新<span class="nav-short">文章</span></span></a>'
        )
    dots = False
    for n in range(1, pages + 1):
        if n == number:
            links.append(f'<span aria-current="page" class="page-numbers current">页面 {n}</span>')
            dots = True
        elif n <= 1 or n == number or n > pages - 1:  # end_size 1, mid_size 0
            links.append(f'<a class="page-numbers" href="{listing_link(page, n)}">页面 {n}</a>')
            dots = True
        elif dots:
            links.append('<span class="page-numbers dots">&hellip;</span>')
            dots = False
    if number < pages:
        links.append(
            f'<a class="next page-numbers" href="{listing_link(page, number + 1)}">'
            f'<span class="nav-next-text">较早<span class="nav-short">文章</span></span> {_ARROW_RIGHT}</a>'
        )
    joined = "\n".join(links)
    return (
        '\n	<nav class="navigation pagination" aria-label="文章">\n		<h2 class="screen-reader-text">文章导航</h2>\n'
        f'		<div class="nav-links">{joined}</div>\n	</nav>'
    )


def _entry(page: ThemePage, article: MirrorArticle) -> str:
    """``template-parts/content/content-excerpt.php`` for one post of the archive."""
    pid = post_id(article)
    link = permalink(page, article)
    text = "\n".join([f"来源：{article.source}" if article.source else "", *article.paragraphs])
    more = f'&hellip; <a class="more-link" href="{link}">继续阅读<span class="screen-reader-text">{escape(article.title)}</span></a>'
    return f"""
<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry category-{CATEGORY_SLUG} entry">

	<header class="entry-header">
		<h2 class="entry-title default-max-width"><a href="{link}">{escape(article.title)}</a></h2>	</header><!-- .entry-header -->

	<div class="entry-content">
		<p>{escape(excerpt(text))}{more}</p>
	</div><!-- .entry-content -->

	<footer class="entry-footer default-max-width">
		{_posted_on(article)}{_taxonomies(page, tags=False)}	</footer><!-- .entry-footer -->
</article><!-- #post-{pid} -->
"""


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """``archive.php`` for the category: the archive header, excerpts and the pagination."""
    site = escape(page.theme.site_name)
    category = escape(page.theme.category)
    paged = f" &#8211; 第{number}页" if number > 1 else ""
    head = head_links(
        page,
        f"{category}{paged} &#8211; {site}",
        [(f"{page.theme.category}分类Feed", f"{home_url(page)}/category/{CATEGORY_SLUG}/feed/")],
        VERSION,
        REST,
    )
    main = f"""
	<header class="page-header alignwide">
		<h1 class="page-title">分类：<span>{category}</span></h1>			<div class="archive-description"><p>本站发布的重大项目签约、招商推介和投资促进活动信息。</p>
</div>
			</header><!-- .page-header -->
{"".join(_entry(page, article) for article in articles)}
{_pagination(page, number, pages)}
"""
    paged_class = f" paged paged-{number} category-paged-{number}" if number > 1 else ""
    body_class = f"archive category category-{CATEGORY_SLUG} category-{CATEGORY_ID}{paged_class} hfeed"
    return _document(page, head, body_class, main)


THEME = Theme(
    name="wp-twentytwentyone",
    site_type="wordpress",
    follows=(
        "WordPress 6.3.5 (zh_CN) with Twenty Twenty-One 1.9, wp-content/themes/twentytwentyone/"
        "{header,single,archive,comments,footer}.php, template-parts/header/{site-header,site-branding}.php, "
        "template-parts/content/{content-single,content}.php, inc/{template-tags,template-functions}.php; "
        "wp-includes/general-template.php paginate_links(), link-template.php get_the_posts_pagination(); "
        "YARPP list template"
    ),
    site_name="合肥招商引资信息网",
    category="招商动态",
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/20\d{2}/\d{2}/\d{2}/[^/?#]+/$",
    shows_time=True,
)
