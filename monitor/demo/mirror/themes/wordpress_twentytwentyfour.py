"""A WordPress 6.5 site in the block theme Twenty Twenty-Four, plain permalinks (``?p=N``), zh_CN.

Followed (WordPress 6.5.5 as released, read in the johnpbloch/wordpress-core
mirror of the release tags): the theme's ``templates/{single-with-sidebar,
archive}.html``, ``parts/{header,footer,sidebar,post-meta}.html`` and the
patterns they pull in (``hidden-post-meta``, ``hidden-comments``,
``hidden-post-navigation``, ``hidden-sidebar``, ``posts-3-col``,
``footer``); core's block renderers in ``wp-includes/blocks/``
(``site-title``, ``navigation``, ``post-title``, ``post-date``,
``post-author-name``, ``post-terms``, ``post-content``, ``post-excerpt``,
``post-template``, ``query-title``, ``query-pagination{,-next,-previous}``,
``post-navigation-link``, ``latest-posts``, ``categories``, ``comments``),
``get_next_posts_link()`` and ``get_pagenum_link()`` in
``wp-includes/link-template.php``.

What that gives, and what is hard about it:

* Header and footer are ``<header>``/``<footer class="wp-block-template-part">``
  with the site title as ``<p class="wp-block-site-title">``; the post title
  is ``<h1 class="wp-block-post-title">``, the only ``h1``.
* The date is the post-date block with the theme's fixed format ``M j, Y``,
  which zh_CN prints as ``12月 2, 2026`` (month abbreviation first, year
  last): only ``<time datetime="…+08:00">`` says it plainly.  The comment
  below has its own ``<time datetime>`` in ``wp-block-comment-date``.
* The site owner chose the "Single with Sidebar" template: the sidebar
  (``<aside>``) holds the author's biography (prose), categories with counts
  and a Latest Posts block.
* WordPress has no 来源 field: the editor ends the post with a paragraph
  ``来源：肥西发布``, inside the post-content block.
* Plain permalinks: posts are ``/?p=2001``, the category ``/?cat=3`` and its
  pages ``/?cat=3&paged=2`` (printed ``&#038;`` by ``esc_url``).  The query
  loop's pagination has *no page numbers*: only
  ``<a class="wp-block-query-pagination-next">下一页<span>→</span></a>``
  (and ``-previous``), no ``rel="next"``.
* Listing entries are a three-column grid of post titles (``h2``), post meta
  with dates, and 55-character excerpts.
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
    neighbours,
    permalink,
    singular_links,
    visitor_comment,
    w3c,
    zh_date,
    zh_time,
)

VERSION = "6.5.5"
THEME_VERSION = "1.1"
CATEGORY_ID = 3
ICP = "沪ICP备2023012345号-2"
TAGLINE = "投资临港 共赢未来"
REST = "/index.php?rest_route=/"
AUTHOR_BIO = "投资促进服务中心宣传科，负责发布本区重大项目签约、招商推介和营商环境建设的相关信息。"


def post_id(article: MirrorArticle) -> int:
    """The post's ID in the site's database (and its plain permalink)."""
    return 2000 + article.article_id


def article_path(article: MirrorArticle) -> str:
    """The plain permalink ``/?p=N``."""
    return f"/?p={post_id(article)}"


def listing_path(page: int) -> str:
    """The category archive ``/?cat=3`` and its pages ``/?cat=3&paged=N`` (``get_pagenum_link``)."""
    return f"/?cat={CATEGORY_ID}" if page == 1 else f"/?cat={CATEGORY_ID}&paged={page}"


def _month_day_year(article: MirrorArticle) -> str:
    # The theme's post-date format "M j, Y" under zh_CN's month abbreviations (1月 … 12月).
    return f"{article.published.month}月 {article.published.day}, {article.published.year}"


def _document(page: ThemePage, head: str, body_class: str, main: str) -> str:
    """The page: ``wp_head``, then the ``wp-site-blocks`` wrapper of header part, ``main`` and footer part."""
    home = home_url(page)
    json_home = home.replace("/", "\\/")  # wp_json_encode escapes slashes
    site = escape(page.theme.site_name)
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
	<meta charset="UTF-8" />
	<meta name="viewport" content="width=device-width, initial-scale=1" />
{head}
<script>
window._wpemojiSettings = {{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/","ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/svg\\/","svgExt":".svg","source":{{"concatemoji":"{json_home}\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver={VERSION}"}}}};
</script>
<style id='wp-block-site-title-inline-css'>
.wp-block-site-title a{{color:inherit}}
</style>
<style id='global-styles-inline-css'>
body{{--wp--preset--color--base: #f9f9f9;--wp--preset--color--contrast: #111111;--wp--preset--spacing--50: clamp(1.25rem, 1rem + 0.8333vw, 1.875rem);}}
</style>
<style id='wp-block-template-skip-link-inline-css'>
.skip-link.screen-reader-text{{border:0;clip:rect(1px,1px,1px,1px);height:1px;overflow:hidden;position:absolute !important;width:1px}}
</style>
<link rel='stylesheet' id='twentytwentyfour-style-css' href='{home}/wp-content/themes/twentytwentyfour/style.css?ver={THEME_VERSION}' media='all' />
</head>

<body class="{body_class} wp-embed-responsive">

<div class="wp-site-blocks"><header class="wp-block-template-part">
<div class="wp-block-group alignwide has-base-background-color has-background has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:20px;padding-bottom:20px">
	<div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex wp-container-core-group-is-layout-3 wp-block-group-is-layout-flex">
		<div class="wp-block-group is-layout-flex wp-container-core-group-is-layout-1 wp-block-group-is-layout-flex">
			<div class="wp-block-group is-layout-flow wp-block-group-is-layout-flow"><p class="wp-block-site-title"><a href="{home}" target="_self" rel="home">{site}</a></p></div>
		</div>
		<div class="wp-block-group is-content-justification-left is-layout-flex wp-container-core-group-is-layout-2 wp-block-group-is-layout-flex">
			<nav class="is-responsive items-justified-right wp-block-navigation is-horizontal is-content-justification-right is-layout-flex wp-container-core-navigation-is-layout-1 wp-block-navigation-is-layout-flex" aria-label="导航"><button aria-haspopup="dialog" aria-label="打开菜单" class="wp-block-navigation__responsive-container-open " data-wp-on--click="actions.openMenuOnClick" data-wp-on--keydown="actions.handleMenuKeydown"><svg width="24" height="24" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="4" y="7.5" width="16" height="1.5" /><rect x="4" y="15" width="16" height="1.5" /></svg></button>
				<div class="wp-block-navigation__responsive-container" id="modal-1"><div class="wp-block-navigation__responsive-close" tabindex="-1"><div class="wp-block-navigation__responsive-dialog"><button aria-label="关闭菜单" class="wp-block-navigation__responsive-container-close"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M13 11.8l6.1-6.3-1-1-6.1 6.2-6.1-6.2-1 1 6.1 6.3-6.5 6.7 1 1 6.5-6.6 6.5 6.6 1-1z"></path></svg></button>
					<div class="wp-block-navigation__responsive-container-content" id="modal-1-content">
						<ul class="wp-block-navigation__container is-responsive items-justified-right wp-block-navigation"><li class=" wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content"  href="{home}"><span class="wp-block-navigation-item__label">首页</span></a></li><li class=" wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content"  href="{home}/?cat={CATEGORY_ID}"><span class="wp-block-navigation-item__label">{escape(page.theme.category)}</span></a></li><li class=" wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content"  href="{home}/?page_id=2"><span class="wp-block-navigation-item__label">投资环境</span></a></li><li class=" wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content"  href="{home}/?page_id=9"><span class="wp-block-navigation-item__label">联系我们</span></a></li></ul>
					</div></div></div></div></nav>
		</div>
	</div>
</div>
</header>

{main}

<footer class="wp-block-template-part">
<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:var(--wp--preset--spacing--50);padding-bottom:var(--wp--preset--spacing--50)">
	<div class="wp-block-columns alignwide is-layout-flex wp-container-core-columns-is-layout-2 wp-block-columns-is-layout-flex">
		<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:30%">
			<div class="wp-block-group is-vertical is-layout-flex wp-container-core-group-is-layout-20 wp-block-group-is-layout-flex">
				<p class="wp-block-site-title has-medium-font-size"><a href="{home}" target="_self" rel="home">{site}</a></p>
				<p class="wp-block-site-tagline has-small-font-size">{escape(TAGLINE)}</p>
			</div>
		</div>
		<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:20%"></div>
		<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:50%">
			<div class="wp-block-group is-content-justification-space-between is-layout-flex wp-container-core-group-is-layout-24 wp-block-group-is-layout-flex">
				{_footer_menu(home, "关于", (("投资环境", "/?page_id=2"), ("园区介绍", "/?page_id=5"), ("联系我们", "/?page_id=9")))}
				{_footer_menu(home, "隐私", (("隐私政策", "/?page_id=3"), ("使用条款", "/?page_id=11")))}
				{_footer_menu(home, "关注", (("微信公众号", "/?page_id=13"), ("官方微博", "/?page_id=14")))}
			</div>
		</div>
	</div>
	<div class="wp-block-group alignwide has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="padding-top:var(--wp--preset--spacing--50);padding-bottom:0">
		<p class="has-contrast-2-color has-text-color has-link-color has-small-font-size">
		设计使用 <a href="https://cn.wordpress.org" rel="nofollow">WordPress</a>		</p>
		<p class="has-small-font-size">版权所有 © {page.today.year} {site} <a href="https://beian.miit.gov.cn/" rel="nofollow">{ICP}</a></p>
	</div>
</div>
</footer></div>
<script id="wp-block-template-skip-link-js-after">
	( function() {{ var skipLinkTarget = document.querySelector( 'main' ); if ( ! skipLinkTarget ) {{ return; }} }}() );
</script>
<script type="module" src="{home}/wp-includes/blocks/navigation/view.min.js?ver={VERSION}" id="@wordpress/block-library/navigation-js-module"></script>
</body>
</html>
"""


def _footer_menu(home: str, heading: str, links: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<li class=" wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" '
        f' href="{home}{href}"><span class="wp-block-navigation-item__label">{label}</span></a></li>'
        for label, href in links
    )
    return (
        '<div class="wp-block-group is-vertical is-content-justification-stretch is-layout-flex wp-block-group-is-layout-flex">'
        f'<h2 class="wp-block-heading has-medium-font-size has-body-font-family" style="font-style:normal;font-weight:600">{heading}</h2>'
        '<div class="wp-block-group is-vertical is-layout-flex wp-block-group-is-layout-flex">'
        '<nav class="has-small-font-size is-vertical wp-block-navigation is-layout-flex wp-block-navigation-is-layout-flex">'
        f'<ul class="wp-block-navigation__container has-small-font-size is-vertical wp-block-navigation">{items}</ul></nav>'
        "</div></div>"
    )


def _post_meta(page: ThemePage, article: MirrorArticle) -> str:
    """``parts/post-meta.html`` (the ``hidden-post-meta`` pattern): date, author and category blocks."""
    home = home_url(page)
    return f"""<div class="wp-block-template-part">
<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
	<div class="wp-block-group is-layout-flex wp-container-core-group-is-layout-5 wp-block-group-is-layout-flex">
		<div class="wp-block-post-date"><time datetime="{w3c(article.published)}"><a href="{permalink(page, article)}">{_month_day_year(article)}</a></time></div>
		<p class="has-contrast-2-color has-text-color">—</p>
		<p class="has-small-font-size has-contrast-2-color has-text-color">由</p>
		<div class="wp-block-post-author-name"><a href="{home}/?author={article.article_id % 3 + 1}" target="_self" class="wp-block-post-author-name__link">{escape(article.author or "admin")}</a></div>
		<div class="taxonomy-category wp-block-post-terms"><span class="wp-block-post-terms__prefix">发表于 </span><a href="{home}/?cat={CATEGORY_ID}" rel="tag">{escape(page.theme.category)}</a></div>
	</div>
</div>
</div>"""


def _content(article: MirrorArticle) -> str:
    """The post-content block: paragraph blocks, then the editor's 来源 line."""
    lines = [*article.paragraphs, *([f"来源：{article.source}"] if article.source else [])]
    return "\n\n".join(f"<p>{escape(line)}</p>" for line in lines)


def _comments(page: ThemePage, article: MirrorArticle) -> str:
    """The ``hidden-comments`` pattern: the comments block with one comment and the comment form."""
    home = home_url(page)
    link = permalink(page, article)
    cid, author, text, when = visitor_comment(article)
    return f"""<div class="wp-block-comments wp-block-comments-query-loop">
	<h2 class="wp-block-heading">评论</h2>
	<h3 id="comments" class="wp-block-comments-title">《{escape(article.title)}》有1条评论</h3>
	<ol class="wp-block-comment-template"><li id="comment-{cid}" class="comment even thread-even depth-1">
	<div class="wp-block-group" style="margin-top:0;margin-bottom:var(--wp--preset--spacing--30)">
		<div class="wp-block-group is-nowrap is-layout-flex wp-container-core-group-is-layout-9 wp-block-group-is-layout-flex">
			<div class="wp-block-avatar"><img alt="{escape(author)}的头像" src="https://cravatar.cn/avatar/?s=40&#038;d=mm&#038;r=g" srcset="https://cravatar.cn/avatar/?s=80&#038;d=mm&#038;r=g 2x" class="avatar avatar-40 photo wp-block-avatar__image" height="40" width="40" /></div>
			<div class="wp-block-group is-layout-flow wp-block-group-is-layout-flow">
				<div class="wp-block-comment-author-name">{escape(author)}</div>
				<div class="wp-block-comment-date"><time datetime="{w3c(when)}"><a href="{link}#comment-{cid}">{zh_date(when)} {zh_time(when)}</a></time></div>
			</div>
		</div>
		<div class="wp-block-comment-content"><p>{escape(text)}</p></div>
		<div class="wp-block-group is-nowrap is-layout-flex wp-container-core-group-is-layout-10 wp-block-group-is-layout-flex">
			<div class="wp-block-comment-reply-link"><a rel="nofollow" class="comment-reply-link" href="{link}&#038;replytocom={cid}#respond" data-commentid="{cid}" data-postid="{post_id(article)}" data-belowelement="comment-{cid}" data-respondelement="respond" data-replyto="回复给{escape(author)}" aria-label="回复给{escape(author)}">回复</a></div>
		</div>
	</div>
	</li></ol>
	<div id="respond" class="comment-respond wp-block-post-comments-form" style="padding-top:var(--wp--preset--spacing--20);padding-bottom:var(--wp--preset--spacing--20)">
		<h3 id="reply-title" class="comment-reply-title">发表回复 <small><a rel="nofollow" id="cancel-comment-reply-link" href="{link}#respond" style="display:none;">取消回复</a></small></h3><form action="{home}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">您的邮箱地址不会被公开。</span> <span class="required-field-message">必填项已用 <span class="required">*</span> 标注</span></p><p class="comment-form-comment"><label for="comment">评论 <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p><p class="form-submit wp-block-button"><input name="submit" type="submit" id="submit" class="wp-block-button__link wp-element-button" value="发表评论" /> <input type='hidden' name='comment_post_ID' value='{post_id(article)}' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' />
</p></form>	</div><!-- #respond -->
	</div>"""


def _post_navigation(page: ThemePage, article: MirrorArticle) -> str:
    """The ``hidden-post-navigation`` pattern: two post-navigation-link blocks with labels and arrows."""
    older, newer = neighbours(page, article)
    previous = (
        '<div class="post-navigation-link-previous wp-block-post-navigation-link">'
        '<span class="wp-block-post-navigation-link__arrow-previous is-arrow-arrow" aria-hidden="true">←</span>'
        f'<a href="{permalink(page, older)}" rel="prev"><span class="post-navigation-link__label">上一篇：</span> '
        f'<span class="post-navigation-link__title">{escape(older.title)}</span></a></div>'
        if older is not None
        else ""
    )
    following = (
        '<div class="post-navigation-link-next wp-block-post-navigation-link">'
        f'<a href="{permalink(page, newer)}" rel="next"><span class="post-navigation-link__label">下一篇：</span> '
        f'<span class="post-navigation-link__title">{escape(newer.title)}</span></a>'
        '<span class="wp-block-post-navigation-link__arrow-next is-arrow-arrow" aria-hidden="true">→</span></div>'
        if newer is not None
        else ""
    )
    return (
        '<nav class="wp-block-group is-content-justification-space-between is-nowrap is-layout-flex '
        'wp-container-core-group-is-layout-11 wp-block-group-is-layout-flex" '
        'style="padding-top:var(--wp--preset--spacing--40);padding-bottom:var(--wp--preset--spacing--40)" '
        f'aria-label="文章">\n	{previous}\n	{following}\n</nav>'
    )


def _sidebar(page: ThemePage) -> str:
    """``parts/sidebar.html`` as the site owner left it: author, categories, latest posts, search."""
    home = home_url(page)
    return f"""<aside class="wp-block-template-part">
<div class="wp-block-group is-layout-flow wp-block-group-is-layout-flow" style="padding-right:0;padding-left:0">
	<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="margin-top:0;margin-bottom:0">
		<div class="wp-block-group is-vertical is-layout-flex wp-container-core-group-is-layout-13 wp-block-group-is-layout-flex">
			<h2 class="wp-block-heading" style="font-size:1.6rem">关于作者</h2>
			<div class="wp-block-post-author-biography has-small-font-size">{escape(AUTHOR_BIO)}</div>
		</div>
	</div>
	<hr class="wp-block-separator has-text-color has-contrast-color has-alpha-channel-opacity has-contrast-background-color has-background is-style-wide"/>
	<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
		<h2 class="wp-block-heading" style="font-size:1.6rem">热门分类</h2>
		<ul class="wp-block-categories-list has-small-font-size wp-block-categories">	<li class="cat-item cat-item-{CATEGORY_ID}"><a href="{home}/?cat={CATEGORY_ID}">{escape(page.theme.category)}</a> ({page.theme.articles})
</li>
	<li class="cat-item cat-item-4"><a href="{home}/?cat=4">政策解读</a> (12)
</li>
</ul>
	</div>
	<hr class="wp-block-separator has-text-color has-contrast-color has-alpha-channel-opacity has-contrast-background-color has-background is-style-wide"/>
	<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
		<h2 class="wp-block-heading" style="font-size:1.6rem">最新文章</h2>
		<ul class="wp-block-latest-posts__list has-small-font-size wp-block-latest-posts">{latest_posts(page)}</ul>
	</div>
	<hr class="wp-block-separator has-text-color has-contrast-color has-alpha-channel-opacity has-contrast-background-color has-background is-style-wide"/>
	<div class="wp-block-group is-vertical is-content-justification-stretch is-layout-flex wp-block-group-is-layout-flex">
		<h2 class="wp-block-heading" style="font-size:1.6rem">站内搜索</h2>
		<form role="search" method="get" action="{home}/" class="wp-block-search__button-outside wp-block-search__icon-button wp-block-search"><label class="wp-block-search__label screen-reader-text" for="wp-block-search__input-2" >搜索</label><div class="wp-block-search__inside-wrapper " style="width: 100%"><input class="wp-block-search__input" id="wp-block-search__input-2" placeholder="搜索…" value="" type="search" name="s" required /><button aria-label="搜索" class="wp-block-search__button has-icon wp-element-button" type="submit" ></button></div></form>
	</div>
</div>
</aside>"""


def render_article(page: ThemePage, article: MirrorArticle) -> str:
    """``templates/single-with-sidebar.html`` rendered for one post."""
    home = home_url(page)
    pid = post_id(article)
    title = escape(article.title)
    head = "\n".join(
        [
            head_links(
                page,
                f"{title} &#8211; {escape(page.theme.site_name)}",
                [(f"{article.title}评论Feed", f"{home}/?feed=rss2&#038;p={pid}")],
                VERSION,
                REST,
            ),
            singular_links(page, article, pid, REST),
        ]
    )
    tags = '<span class="wp-block-post-terms__separator">  </span>'.join(
        f'<a href="{home}/?tag={index}" rel="tag">{tag}</a>' for index, tag in enumerate(TAGS, start=5)
    )
    main = f"""<main class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained" style="margin-top:0vh;margin-bottom:0vh;padding-top:10vh;padding-bottom:8vh">
	<div class="wp-block-columns alignwide is-layout-flex wp-container-core-columns-is-layout-1 wp-block-columns-is-layout-flex" style="padding-right:var(--wp--preset--spacing--40);padding-left:var(--wp--preset--spacing--40)">
		<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:70%">
			<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
				<h1 class="wp-block-post-title has-x-large-font-size">{title}</h1>
				{_post_meta(page, article)}
				<div style="height:var(--wp--preset--spacing--10)" aria-hidden="true" class="wp-block-spacer"></div>
			</div>
			<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
				<div class="entry-content wp-block-post-content has-global-padding is-layout-constrained wp-block-post-content-is-layout-constrained">
{_content(article)}
</div>
				<div class="taxonomy-post_tag wp-block-post-terms">{tags}</div>
			</div>
			<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
				<div style="height:4rem" aria-hidden="true" class="wp-block-spacer"></div>
				{_comments(page, article)}
				<div style="height:4rem" aria-hidden="true" class="wp-block-spacer"></div>
				{_post_navigation(page, article)}
			</div>
		</div>
		<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow" style="flex-basis:30%">
			{_sidebar(page)}
		</div>
	</div>
</main>"""
    body_class = (
        f"post-template post-template-single-with-sidebar single single-post postid-{pid} single-format-standard"
    )
    return _document(page, head, body_class, main)


def _card(page: ThemePage, article: MirrorArticle) -> str:
    """One post of the ``posts-3-col`` query loop: title, post meta, excerpt."""
    pid = post_id(article)
    text = "\n".join(article.paragraphs)
    return f"""<li class="wp-block-post post-{pid} post type-post status-publish format-standard hentry category-zsdt">
<div class="wp-block-group is-vertical is-nowrap is-layout-flex wp-container-core-group-is-layout-15 wp-block-group-is-layout-flex" style="margin-top:var(--wp--preset--spacing--20);padding-top:0">
<h2 class="wp-block-post-title has-large-font-size"><a href="{permalink(page, article)}" target="_self" >{escape(article.title)}</a></h2>
{_post_meta(page, article)}
<div class="wp-block-post-excerpt has-contrast-2-color has-text-color has-small-font-size"><p class="wp-block-post-excerpt__excerpt">{escape(excerpt(text))}&hellip; </p></div>
<div style="height:0px" aria-hidden="true" class="wp-block-spacer"></div>
</div>
</li>"""


def _query_pagination(page: ThemePage, number: int, pages: int) -> str:
    """The query-pagination block with only its previous and next blocks (the theme's ``posts-3-col``)."""
    links = []
    if number > 1:
        links.append(
            f'<a href="{listing_link(page, number - 1)}" class="wp-block-query-pagination-previous">'
            "<span class='wp-block-query-pagination-previous-arrow is-arrow-arrow' aria-hidden='true'>←</span>上一页</a>"
        )
    if number < pages:
        links.append(
            f'<a href="{listing_link(page, number + 1)}" class="wp-block-query-pagination-next">下一页'
            "<span class='wp-block-query-pagination-next-arrow is-arrow-arrow' aria-hidden='true'>→</span></a>"
        )
    return (
        '<nav class="is-content-justification-space-between is-layout-flex wp-container-core-query-pagination-is-layout-1 '
        f'wp-block-query-pagination-is-layout-flex wp-block-query-pagination" aria-label="分页">\n{"".join(links)}\n</nav>'
    )


def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    """``templates/archive.html`` for the category: query title, the three-column loop, pagination."""
    site = escape(page.theme.site_name)
    category = escape(page.theme.category)
    paged = f" &#8211; 第{number}页" if number > 1 else ""
    head = head_links(
        page,
        f"{category}{paged} &#8211; {site}",
        [(f"{page.theme.category}分类Feed", f"{home_url(page)}/?feed=rss2&#038;cat={CATEGORY_ID}")],
        VERSION,
        REST,
    )
    cards = "".join(_card(page, article) for article in articles)
    main = f"""<main class="wp-block-group alignfull has-global-padding is-layout-constrained wp-block-group-is-layout-constrained">
<h1 style="line-height:1;padding-top:var(--wp--preset--spacing--50);" class="wp-block-query-title alignwide">分类：<span>{category}</span></h1>
<div class="wp-block-query alignwide is-layout-flow wp-block-query-is-layout-flow">
<div class="wp-block-group" style="margin-top:0;margin-bottom:0;padding-top:var(--wp--preset--spacing--50);padding-right:0;padding-bottom:var(--wp--preset--spacing--50);padding-left:0">
<ul class="alignfull columns-3 wp-block-post-template is-layout-grid wp-container-core-post-template-is-layout-1 wp-block-post-template-is-layout-grid">{cards}</ul>
<div style="margin-top:0;margin-bottom:0;height:var(--wp--preset--spacing--40)" aria-hidden="true" class="wp-block-spacer"></div>
{_query_pagination(page, number, pages)}
</div>
</div>
</main>"""
    paged_class = f" paged paged-{number} category-paged-{number}" if number > 1 else ""
    body_class = f"archive category category-zsdt category-{CATEGORY_ID}{paged_class}"
    return _document(page, head, body_class, main)


THEME = Theme(
    name="wp-twentytwentyfour",
    site_type="wordpress",
    follows=(
        "WordPress 6.5.5 (zh_CN) with Twenty Twenty-Four 1.1, wp-content/themes/twentytwentyfour/"
        "templates/{single-with-sidebar,archive}.html, parts/{header,footer,sidebar,post-meta}.html, "
        "patterns/{hidden-post-meta,hidden-comments,hidden-post-navigation,hidden-sidebar,posts-3-col,footer}.php; "
        "wp-includes/blocks/{post-title,post-date,post-content,post-excerpt,query-pagination-next,"
        "query-pagination-previous,post-navigation-link,site-title}.php; link-template.php get_pagenum_link()"
    ),
    site_name="上海临港产业招商网",
    category="招商动态",
    article_path=article_path,
    listing_path=listing_path,
    render_article=render_article,
    render_listing=render_listing,
    article_pattern=r"/\?p=\d+$",
    shows_time=True,
)
