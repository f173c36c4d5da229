"""DedeCMS 5.7's default templates as a static site renders them: the markup the GBK and UTF-8 builds share.

Followed: DedeCMS V5.7 (the dedecms/DedeCMS repository, release V5.7.88),
``templets/default/article_article.htm`` (the article page), ``list_article.htm``
(the category list), ``head.htm``/``head2.htm`` (top links, the logo header and
the channel menu), ``footer.htm``, ``ajaxfeedback.htm`` (the comment form), and
the PHP that fills their tags: ``include/arc.listview.class.php``
(``GetPageListST``: the ``<ul class="pagelist">`` pager of ``list_{tid}_{page}.html``
links, written relative to the category directory), ``include/arc.archives.class.php``
(``GetPreNext``: ``上一篇：<a …>…</a>`` / ``下一篇：没有了``), ``include/typelink.class.php``
(the ``当前位置`` trail: ``主页 > 栏目 >``), ``include/taglib/qrcode.lib.php`` and
``dede/inc/inc_archives_functions.php`` (the automatic summary: the body's first
240 bytes as text, printed again above the body in ``<div class="intro">``).

What a real DedeCMS page makes hard, reproduced here in markup of our own:
the only ``<h1>`` is the logo (an image whose ``alt`` is the site name); the
article title is an ``<h2>`` in ``<div class="title">``; ``<title>`` is
``标题_站名``; the info line prints ``时间:2021-08-26 09:30来源:肥西发布 作者:李明 点击:``
with the view count written by a ``/plus/count.php`` script (so the text reads
``点击: 次``); the summary repeats the start of the body (or, where the editor
filled it with the title, the title); the body sits in a
table inside ``<div class="content">`` and ends with ``(责任编辑：admin)``; the
page carries the digg box, a share bar, ``------分隔线----------------------------``,
prev/next links, the 收藏/挑错/推荐/打印 bar, the comment form, and sidebars of
recommended and hot articles (the article itself among them).  Listings link
each article with its date as ``2021-08-26 09:30:00``, its clicks and its summary.

A build (``DedeSite``) says the charset, the version string in the footer, the
category's directory and type id, and the date part of the article naming rule
(``{typedir}/{Y}{M}{D}/{aid}.html`` or the 5.7 default ``{typedir}/{Y}/{M}{D}/{aid}.html``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

FOLLOWS = (
    "DedeCMS V5.7 (dedecms/DedeCMS V5.7.88), templets/default/{article_article,list_article,head,head2,footer,"
    "ajaxfeedback}.htm; include/arc.listview.class.php GetPageListST, include/arc.archives.class.php GetPreNext"
)
# DedeCMS's own sample channels, beside the category the site's articles are in.
OTHER_CHANNELS = ("政务公开", "投资环境", "园区介绍", "政策法规", "办事指南")
HOT_TAGS = ("招商引资", "项目签约", "产业园区", "营商环境", "重大项目")
# {dede:bshare/}: the share bar's buttons.
BSHARE = (
    '<a title="分享到QQ空间" class="bshare-qzone"></a><a title="分享到新浪微博" class="bshare-sinaminiblog"></a>'
    '<a title="分享到人人网" class="bshare-renren"></a><a title="分享到腾讯微博" class="bshare-qqmb"></a>'
    '<a title="更多平台" class="bshare-more bshare-more-icon more-style-addthis"></a>'
    '<span class="BSHARE_COUNT bshare-share-count">0</span>'
)


@dataclass(frozen=True)
class DedeSite:
    """One DedeCMS build: how the site is named, encoded and laid out."""

    name: str  # the mirror site (served under /<name>/)
    site_name: str  # cfg_webname
    category: str  # the channel's typename
    typedir: str  # the channel's directory below the site root ("/a/zhaoshang")
    typeid: int
    date_dirs: str  # strftime of the naming rule's date part: "%Y%m%d" or "%Y/%m%d"
    version: str  # cfg_version, printed in the footer ("V57_GBK_SP2")
    charset: str  # cfg_soft_lang, printed in the <meta>
    encoding: str  # the codec the pages' bytes are written in
    header_charset: str | None
    summary_bytes: int  # cfg_auot_description, cut in bytes of the build's charset
    icp: str
    follows: str = FOLLOWS


def dedecms_theme(site: DedeSite) -> Theme:
    """The mirror theme of a DedeCMS 5.7 build."""

    def article_path(article: MirrorArticle) -> str:
        return f"{site.typedir}/{article.published.strftime(site.date_dirs)}/{article.article_id}.html"

    def listing_path(page: int) -> str:
        return f"{site.typedir}/list_{site.typeid}_{page}.html"

    def render_article(page: ThemePage, article: MirrorArticle) -> str:
        return _article_page(site, page, article)

    def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
        return _listing_page(site, page, articles, number, pages)

    date_pattern = r"\d{8}" if site.date_dirs == "%Y%m%d" else r"\d{4}/\d{4}"
    return Theme(
        name=site.name,
        site_type="dedecms",
        follows=site.follows,
        site_name=site.site_name,
        category=site.category,
        article_path=article_path,
        listing_path=listing_path,
        render_article=render_article,
        render_listing=render_listing,
        article_pattern=rf"{site.typedir}/{date_pattern}/\d+\.html$",
        encoding=site.encoding,
        meta_charset=site.charset,
        header_charset=site.header_charset,
        shows_time=True,
        articles=7,
        page_size=3,
    )


# --- values the tags print ---------------------------------------------------------


def summary(site: DedeSite, article: MirrorArticle) -> str:
    """The article's description: the editor's, else the automatic one (the body as text, cut to ``summary_bytes``).

    Editors of investment-office portals often fill 摘要 with the title itself;
    one article in three here does, so the title stands twice above the body.
    """
    if article.article_id % 3 == 0:
        return article.title
    text = "".join(article.paragraphs)
    cut, size = [], 0
    for char in text:
        size += len(char.encode(site.encoding, errors="replace"))
        if size > site.summary_bytes:
            break
        cut.append(char)
    return "".join(cut)


def clicks(article: MirrorArticle) -> int:
    """A view count that stays the same between requests."""
    return 60 + (article.article_id * 137) % 900


def _neighbours(page: ThemePage, article: MirrorArticle) -> tuple[MirrorArticle | None, MirrorArticle | None]:
    # GetPreNext: the previous article has the next lower id, the next one the next higher id.
    by_id = {other.article_id: other for other in page.recent}
    return by_id.get(article.article_id - 1), by_id.get(article.article_id + 1)


# --- the shared parts ----------------------------------------------------------------


def _head(site: DedeSite, page: ThemePage, title: str, description: str, mobile: str) -> str:
    root = page.root
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={site.charset}" />
<title>{title}</title>
<meta name="keywords" content="{escape(site.category)},招商引资,项目签约" />
<meta name="description" content="{description}" />
<link href="{root}/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<meta http-equiv="mobile-agent" content="format=xhtml;url={root}/m/{mobile}">
<script type="text/javascript">if(/AppleWebKit.*Mobile/i.test(navigator.userAgent)){{
if(window.location.href.indexOf("?mobile")<0){{window.location.href="{root}/m/{mobile}";}}}}</script>
<script language="javascript" type="text/javascript" src="{root}/include/dedeajax2.js"></script>
"""


def _header(site: DedeSite, page: ThemePage) -> str:
    root = page.root
    toplinks = (
        f'<a href="{root}/plus/heightsearch.php" target="_blank">高级搜索</a>|'
        f'<a href="{root}/data/sitemap.html" target="_blank">网站地图</a>|<a href="{root}/tags.php">TAG标签</a>'
        f'<a href="{root}/data/rssmap.html" class="rss">RSS订阅</a><span>[<a href="" '
        f"onclick=\"this.style.behavior='url(#default#homepage)';this.setHomePage('{root}/');\">设为首页</a>] "
        f"[<a href=\"javascript:window.external.AddFavorite('{root}/','{escape(site.site_name)}')\">"
        "加入收藏</a>]</span>"
    )
    channels = "\n".join(
        f"      \t<li><a href='{root}/a/{index}/' ><span>{escape(name)}</span></a></li>"
        for index, name in enumerate(OTHER_CHANNELS, start=2)
    )
    tags = "\n".join(
        f"            <li><a href='{root}/tags.php?/{escape(tag)}/'>{escape(tag)}</a></li>" for tag in HOT_TAGS
    )
    return f"""<div class="header_top">
    <div class="w960 center">
     <span id="time" class="time">织梦CMS - 轻松建站从此开始！</span>
     <div class="toplinks">{toplinks}</div>
    </div>
</div>
<div class="header">
    <div class="top w960 center">
      <div class="title">
        <h1><a href="{root}/"><img src="{root}/templets/default/images/logo.gif" height="54" width="216"
          alt="{escape(site.site_name)}"/></a> </h1>
      </div>
    </div><!-- //top -->
    <!-- //菜单 -->
    <div class="module blue mT10 wrapper w963">
      <div class="top">
    <div id="navMenu">
        <ul>
          <li><a href='{root}/'><span>主页</span></a></li>
          <li class='hover'><a href='{root}{site.typedir}/' ><span>{escape(site.category)}</span></a></li>
{channels}
        </ul>
    </div>
    <div class="search">
      <form  name="formsearch" action="{root}/plus/search.php">
        <div class="form">
          <h4>搜索</h4>
           <input type="hidden" name="kwtype" value="0" />
           <input name="q" type="text" class="search-keyword" id="search-keyword" value="在这里搜索..." />
           <select name="searchtype" class="search-option" id="search-option">
               <option value="title" selected='1'>检索标题</option>
               <option value="titlekeyword">智能模糊</option>
           </select>
          <button type="submit" class="search-submit">搜索</button>
        </div>
        </form>
        <div class="tags">
          <h4>热门标签:</h4>
          <ul>
{tags}
          </ul>
        </div>
    </div><!-- //search -->
        </div>
    </div>
</div><!-- //header -->
"""


def _place(site: DedeSite, page: ThemePage) -> str:
    # typelink.class.php: the index link, then each channel, each followed by cfg_list_symbol " > ".
    root = page.root
    return (
        f"<div class=\"place\"> <strong>当前位置:</strong> <a href='{root}/'>主页</a> > "
        f"<a href='{root}{site.typedir}/'>{escape(site.category)}</a> >  </div>"
    )


def _sidebar(site: DedeSite, page: ThemePage) -> str:
    root = page.root
    channels = "\n".join(
        f"      <li><a href='{root}/a/{index}/'>{escape(name)}</a></li>"
        for index, name in enumerate(OTHER_CHANNELS, start=2)
    )
    commend = "\n".join(
        f'      <li><a href="{page.article_href(other)}">{escape(other.title)}</a>\n'
        f"       <p>{escape(summary(site, other)[:40])}...</p>\n      </li>"
        for other in page.recent[:4]
    )
    hot = "\n".join(
        f'      <li><a href="{page.article_href(other)}">{escape(other.title)}</a></li>'
        for other in sorted(page.recent, key=clicks, reverse=True)
    )
    return f"""<div class="pright">
  <div>
   <dl class="tbox">
    <dt><strong>栏目列表</strong></dt>
    <dd>
     <ul class="d6">
      <li><a href='{root}{site.typedir}/' class='thisclass'>{escape(site.category)}</a></li>
{channels}
     </ul>
    </dd>
   </dl>
  </div>
  <div class="commend mt1">
   <dl class="tbox light">
    <dt class='light'><strong>推荐内容</strong></dt>
    <dd class='light'>
     <ul class="d4">
{commend}
     </ul>
    </dd>
   </dl>
  </div>
  <!-- /commend -->
  <div class="hot mt1">
   <dl class="tbox light">
    <dt class='light'><strong>热点内容</strong></dt>
    <dd class='light'>
     <ul class="c1 ico2">
{hot}
     </ul>
    </dd>
   </dl>
  </div>
 </div>
 <!-- /pright -->"""


def _footer(site: DedeSite, page: ThemePage) -> str:
    year = page.today.year
    powered = (
        'Powered by <a href="http://www.dedecms.com" '
        'title="织梦内容管理系统(DedeCMS)--国内专业的PHP网站管理系统，轻松建站的利器。" target="_blank">'
        f"<strong>DedeCMS_{site.version}</strong></a> &copy; 2007-{year} "
        '<a href="http://www.desdev.cn/" target="_blank">DesDev</a> Inc.<br />'
        f'<div class="copyright">Copyright &copy; 2012-{year} {escape(site.site_name)} 版权所有&nbsp;&nbsp;'
        f'<a href="https://beian.miit.gov.cn/" target="_blank">{escape(site.icp)}</a></div>'
    )
    return f"""
<!-- //底部模板 -->
<div class="footer w960 center mt1 clear">
    <div class="footer_left"></div>
    <div class="footer_body">
    <p class="powered">
        {powered}</p>
<!-- /powered -->
   </div>
   <div class="footer_right"></div>
</div>
"""


# --- the article page (article_article.htm) --------------------------------------------


def _article_page(site: DedeSite, page: ThemePage, article: MirrorArticle) -> str:
    root, aid = page.root, article.article_id
    title = escape(article.title)
    description = escape(summary(site, article))
    # The editor writes each paragraph indented with non-breaking spaces.
    body = "\n".join(f"<p>\r\n\t&nbsp;&nbsp;&nbsp;&nbsp;{escape(line)}</p>" for line in article.paragraphs)
    older, newer = _neighbours(page, article)
    pre = f"上一篇：<a href='{page.article_href(older)}'>{escape(older.title)}</a> " if older else "上一篇：没有了 "
    nxt = f"下一篇：<a href='{page.article_href(newer)}'>{escape(newer.title)}</a> " if newer else "下一篇：没有了 "
    good, bad = 3 + aid % 7, aid % 3
    # The labels and values run together as the template writes them: "09:30<small>来源:</small>".
    info = (
        f"<small>时间:</small>{article.published:%Y-%m-%d %H:%M}"
        f"<small>来源:</small>{escape(article.source or '')} "
        f"<small>作者:</small>{escape(article.author or '')} <small>点击:</small>"
    )
    good_per = round(100 * good / (good + bad))
    return (
        _head(site, page, f"{title}_{escape(site.site_name)}", description, f"view.php?aid={aid}")
        + f"""<script language="javascript" type="text/javascript">
<!--
function postDigg(ftype,aid)
{{
    var taget_obj = document.getElementById('newdigg');
    myajax = new DedeAjax(taget_obj,false,false,'','','');
    myajax.SendGet2("{root}/plus/digg_ajax.php?action="+ftype+"&id="+aid);
}}
function getDigg(aid)
{{
    var taget_obj = document.getElementById('newdigg');
    myajax = new DedeAjax(taget_obj,false,false,'','','');
    myajax.SendGet2("{root}/plus/digg_ajax.php?id="+aid);
    DedeXHTTP = null;
}}
-->
</script>
</head>
<body class="articleview">
{_header(site, page)}
<!-- /header -->
<div class="w960 center clear mt1">
<div class="pleft">
 {_place(site, page)}
 <!-- /place -->
 <div class="viewbox">
  <div class="title">
   <h2>{title}</h2>
  </div>
  <!-- /title -->
  <div class="info"> {info}
   <script src="{root}/plus/count.php?view=yes&aid={aid}&mid=1" type='text/javascript' language="javascript"></script>
   次</div>
  <!-- /info -->
  <div class="intro">{description}</div>
  <div class="content">
   <table width='100%'>
    <tr>
     <td>
      {body}
      (责任编辑：admin)</td>
    </tr>
   </table>
  </div>
  <!-- /content -->
  <div class="dede_pages">
   <ul class="pagelist">
   </ul>
  </div>

<center>
  <a href='http://2v.dedecms.com/' id='__dedeqrcode_1'>织梦二维码生成器</a>
  <script type="text/javascript">
      var __dedeqrcode_id=1;
      var __dedeqrcode_aid={aid};
      var __dedeqrcode_type='arc';
      var __dedeqrcode_dir='{root}/plus';
  </script>
  <script language="javascript" type="text/javascript" src="{root}/plus/img/qrcode.js"></script>
</center>

  <!-- /pages -->
  <!-- //顶踩 -->
  <div class="newdigg" id="newdigg">
   <div class="diggbox digg_good" onclick="javascript:postDigg('good',{aid})">
    <div class="digg_act">顶一下</div>
    <div class="digg_num">({good})</div>
    <div class="digg_percent">
     <div class="digg_percent_bar"><span style="width:{good_per}%"></span></div>
     <div class="digg_percent_num">{good_per}%</div>
    </div>
   </div>
   <div class="diggbox digg_bad" onclick="javascript:postDigg('bad',{aid})">
    <div class="digg_act">踩一下</div>
    <div class="digg_num">({bad})</div>
    <div class="digg_percent">
     <div class="digg_percent_bar"><span style="width:{100 - good_per}%"></span></div>
     <div class="digg_percent_num">{100 - good_per}%</div>
    </div>
   </div>
  </div>
  <script language="javascript" type="text/javascript">getDigg({aid});</script>
  <!-- //顶踩部分的源码结束 -->
  <!-- //分享代码开始 -->
  <div class="bshare-custom">{BSHARE}</div>
  <!-- //分享代码结束 -->
  <div class="boxoff"> <strong>------分隔线----------------------------</strong> </div>
  <div class="handle">
   <div class="context">
    <ul>
     <li>{pre}</li>
     <li>{nxt}</li>
    </ul>
   </div>
   <!-- /context -->
   <div class="actbox">
    <ul>
     <li id="act-fav"><a href="{root}/plus/stow.php?aid={aid}" target="_blank">收藏</a></li>
     <li id="act-err"><a href="{root}/plus/erraddsave.php?aid={aid}&title={title}" target="_blank">挑错</a></li>
     <li id="act-pus"><a href="{root}/plus/recommend.php?aid={aid}" target="_blank">推荐</a></li>
     <li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li>
    </ul>
   </div>
   <!-- /actbox -->
  </div>
  <!-- /handle -->
 </div>
 <!-- /viewbox -->
 <!-- //AJAX评论区 -->
{_comments(page, aid)} </div>
<!-- //左边内容结束 -->
<!-- //右边内容开始 -->
{_sidebar(site, page)}
</div>
{_footer(site, page)}
<!-- /footer -->
</body>
</html>
"""
    )


def _comments(page: ThemePage, aid: int) -> str:
    root = page.root
    moods = "".join(
        f'<li><input type="radio" name="face" value="{i}" />'
        f'<img src="{root}/templets/default/images/mood/ico-mood-{i}.gif" /></li>'
        for i in range(1, 12)
    )
    return f"""<a name='postform'></a>
<div class="mt1">
        <dl class="tbox">
            <dt>
                <strong>发表评论</strong>
                <span class="more"></span>
            </dt>
            <dd>
                <div class="dede_comment_post">
          <form action="#" method="post" name="feedback">
          <input type="hidden" name="dopost" value="send" />
          <input type="hidden" name="aid" value="{aid}" />
          <div class="dcmp-title">
                        <small>请自觉遵守互联网相关的政策法规，严禁发布色情、暴力、反动的言论。</small>
                    </div><!-- /dcmp-title -->
                    <div class="dcmp-stand">
                        <strong>评价:</strong>
                            <input type="radio" name="feedbacktype" checked="1" value="feedback" id="dcmp-stand-neu"
                              /><label for="dcmp-stand-neu">中立</label>
                            <input type="radio" name="feedbacktype" value="good" id="dcmp-stand-good"
                              /><label for="dcmp-stand-good">好评</label>
                            <input type="radio" name="feedbacktype" value="bad" id="dcmp-stand-bad"
                              /><label for="dcmp-stand-bad">差评</label>
                    </div><!-- /dcmp-stand -->
                    <div class="dcmp-mood">
                        <strong>表情:</strong>
                        <ul>{moods}</ul>
                    </div><!-- /dcmp-mood -->
                    <div class="dcmp-content">
                        <textarea cols="60" name="msg" rows="5" class="ipt-txt"></textarea>
                    </div><!-- /dcmp-content -->
                    <div class="dcmp-post"><!--未登录-->
                            <div class="dcmp-userinfo" id="_ajax_feedback">
                                用户名:<input type="text" name="username" size="16" class="ipt-txt" />
                                验证码:<input type="text" name="validate" size="4" class="ipt-txt" /><img
                                  src= "{root}/include/vdimgck.php" id="validateimg"
                                  title="点击我更换图片" alt="点击我更换图片" />
                <input type="checkbox" name="notuser" id="dcmp-submit-guest"
                  /><label for="dcmp-submit-guest" />匿名? </label>
                            </div>
                            <div class="dcmp-submit">
                                <button type="button" onClick='PostComment()'>发表评论</button>
                            </div>
                        </div>
        </form>
                </div>
            </dd>
        </dl>
    </div><!-- //评论表单区结束 -->
    <a name='commettop'></a>
    <div class="mt1">
            <dl class="tbox">
                <dt>
                    <strong>最新评论</strong>
                    <span class="more"><a href="{root}/plus/feedback.php?aid={aid}">进入详细评论页&gt;&gt;</a></span>
                </dt>
                <dd id='commetcontentNew'></dd>
                <dd id='commetcontent'></dd>
            </dl>
    </div>
"""


# --- the list page (list_article.htm) ---------------------------------------------------


def _listing_page(site: DedeSite, page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    rows = "\n".join(_list_row(site, page, article) for article in articles)
    category = escape(site.category)
    return (
        _head(
            site,
            page,
            f"{category}_{escape(site.site_name)}",
            f"{category}：{escape(site.site_name)}发布的招商引资动态",
            f"list.php?tid={site.typeid}",
        )
        + f"""</head>
<body class="articlelist">
{_header(site, page)}
<!-- /header -->
<div class="w960 center clear mt1">
 <div class="pleft">
  {_place(site, page)}
  <!-- /place -->
  <div class="listbox">
   <ul class="e2">
{rows}
   </ul>
  </div>
  <!-- /listbox -->
  <div class="dede_pages">
   <ul class="pagelist">
    {_pagelist(site, number, pages, len(articles), page.theme)}
   </ul>
  </div>
  <!-- /pages -->
 </div>
 <!-- /pleft -->
 {_sidebar(site, page)}
</div>
{_footer(site, page)}
<!-- /footer -->
</body>
</html>
"""
    )


def _list_row(site: DedeSite, page: ThemePage, article: MirrorArticle) -> str:
    """One ``{dede:list}`` item: channel, title link, date, clicks and score, then the summary."""
    return (
        f"    <li>\n     [<b><a href='{page.root}{site.typedir}/'>{escape(site.category)}</a></b>] "
        f'<a href="{page.article_href(article)}" class="title">{escape(article.title)}</a> '
        f'<span class="info"> <small>日期：</small>{article.published:%Y-%m-%d %H:%M:%S} '
        f"<small>点击：</small>{clicks(article)} <small>好评：</small>{article.article_id % 4} </span>\n"
        f'     <p class="intro"> {escape(summary(site, article))}... </p>\n    </li>'
    )


def _pagelist(site: DedeSite, number: int, pages: int, shown: int, theme: Theme) -> str:
    """GetPageListST with listitem="info,index,end,pre,next,pageno,option" listsize=5, in the order it joins them."""

    def href(page: int) -> str:
        # The naming rule with its directory cut off: links relative to the category directory.
        return f"list_{site.typeid}_{page}.html"

    # The record count: the last page knows it; the others trust the site's size when it fits the page count.
    size = theme.page_size
    total = theme.articles if (pages - 1) * size < theme.articles <= pages * size else pages * size
    if number == pages:
        total = (pages - 1) * size + shown
    if pages <= 1:
        return f'<li><span class="pageinfo">共 <strong>1</strong>页<strong>{total}</strong>条记录</span></li>\r\n'
    parts = []
    parts.append(f"<li><a href='{href(1)}'>首页</a></li>\r\n" if number != 1 else "<li>首页</li>\r\n")
    if number != 1:
        parts.append(f"<li><a href='{href(number - 1)}'>上一页</a></li>\r\n")
    for page in range(1, min(pages, 11) + 1):
        if page == number:
            parts.append(f'<li class="thisclass">{page}</li>\r\n')
        else:
            parts.append(f"<li><a href='{href(page)}'>{page}</a></li>\r\n")
    if number != pages:
        parts.append(f"<li><a href='{href(number + 1)}'>下一页</a></li>\r\n")
        parts.append(f"<li><a href='{href(pages)}'>末页</a></li>\r\n")
    else:
        parts.append("<li>末页</li>\r\n")
    width = max(36, min(100, len(str(pages)) * 12 + 18))
    options = "".join(
        f"<option value='{href(page)}'{' selected' if page == number else ''}>{page}</option>\r\n"
        for page in range(1, pages + 1)
    )
    parts.append(
        f"<li><select name='sldd' style='width:{width}px' "
        f"onchange='location.href=this.options[this.selectedIndex].value;'>\r\n{options}</select></li>\r\n"
    )
    parts.append(f'<li><span class="pageinfo">共 <strong>{pages}</strong>页<strong>{total}</strong>条</span></li>\r\n')
    return "".join(parts)
