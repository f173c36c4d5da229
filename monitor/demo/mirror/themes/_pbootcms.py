"""PbootCMS 3.x's default template as the site renders it: the markup its URL modes share.

Followed: PbootCMS V3.2 (the pbootcmspro/PbootCMS repository, V3.2.15; the
1.x layout in Pbootcms/Pbootcms is the same page), ``template/default/html/``:
``news.html`` (the article page), ``newslist.html`` (the list page) and the
``comm/`` parts they include — ``head.html`` (the fixed navbar whose brand is
the logo image alone), ``top.html`` (the jumbotron), ``position.html``
(``当前位置：{pboot:position separator='>'}``), ``sortnav.html`` (the sibling
categories as buttons with their counts, the 全部 button's ``<span>`` left
unclosed as the template leaves it), ``page.html`` (the pager), ``comment.html``
and ``foot.html`` (company, 营业执照, 备案号码, contacts, the ``/core/qrcode.php``
QR image, the mobile bar and the floating 在线咨询 box); and the PHP that fills
them: ``apps/home/controller/IndexController.php`` (``{pboot:pagetitle}`` is
``标题-栏目-站名-副标题`` on an article, ``栏目-站名-副标题`` on a list),
``ParserController.php`` (``parserLink``: content ``<栏目>/<id>.html``, list
``<栏目>/``; ``precontent``/``nextcontent``: ``<a href>标题</a>`` or
``没有了！``; ``lencn``: list titles cut to 30 Han-character widths with ``···``),
``core/basic/Url.php`` (the URL modes: 1 ``/index.php/news/12.html``, 2 the
rewritten ``/news/12.html``, 3 — the default — ``/?news/12.html``) and
``core/view/Paging.php`` (``{page:numbar}``: ``<a class="page-num">``,
``page-num-current``; list pages ``<栏目>_<N>/``; ``javascript:;`` where there
is no previous or next page).

Why every stored title was the category name: ``top.html`` prints the
category (``{sort:name}``) as the page's only ``<h1>``, in the jumbotron above
the content, and the article title is the ``<h2 class="text-center">`` below
the breadcrumb and the category buttons.  The date line prints
``时间：2021-08-26`` with no time of day.

Two additions to the default template, both in its own markup and tags, as
the investment-office sites built on it make them: the info line also prints
``来源：{content:source}`` and ``作者：{content:author}`` (fields every PbootCMS
article has; the default line shows only the date and ``访问量``), and a
``最新动态`` list (``{pboot:list scode=… num=5}``, drawn like the list page's
items) follows the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from monitor.demo.mirror.generator import MirrorArticle
from monitor.demo.mirror.themes import Theme, ThemePage

FOLLOWS = (
    "PbootCMS V3.2 (pbootcmspro/PbootCMS V3.2.15), template/default/html/{news,newslist}.html and "
    "comm/{head,top,position,sortnav,page,comment,foot}.html; apps/home/controller/ParserController.php "
    "parserLink, core/basic/Url.php, core/view/Paging.php"
)
# The other categories under the same top category (sortnav.html's buttons), with their article counts.
SIBLINGS = (("tzzc", "投资政策", 12), ("yqdt", "园区动态", 9))
NAV = (("yqgk", "园区概况"), ("news", "新闻中心"), ("tzzn", "投资指南"), ("zsxm", "招商项目"), ("gbook", "在线留言"))


@dataclass(frozen=True)
class PbootSite:
    """One PbootCMS site: its names, its category and its URL mode."""

    name: str  # the mirror site (served under /<name>/)
    site_title: str  # {pboot:sitetitle}
    site_subtitle: str  # {pboot:sitesubtitle}
    company: str  # {pboot:companyname}
    category: str  # {sort:name}
    category_dir: str  # the category's URL name (its 'filename')
    url_prefix: str  # "/?" (mode 3, the default), "/" (mode 2, rewritten) or "/index.php/" (mode 1)
    icp: str
    address: str  # {pboot:companyaddress}
    phone: str  # {pboot:companyphone}
    follows: str = FOLLOWS


def pbootcms_theme(site: PbootSite) -> Theme:
    """The mirror theme of a PbootCMS site in one URL mode."""

    def article_path(article: MirrorArticle) -> str:
        return f"{site.url_prefix}{site.category_dir}/{article.article_id}.html"

    def listing_path(page: int) -> str:
        # Paging.php buildPath: page 1 is the category's own address, page N "<category>_N/".
        suffix = "" if page == 1 else f"_{page}"
        return f"{site.url_prefix}{site.category_dir}{suffix}/"

    def render_article(page: ThemePage, article: MirrorArticle) -> str:
        return _article_page(site, page, article)

    def render_listing(page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
        return _listing_page(site, page, articles, number, pages)

    prefix = {"/?": r"/\?", "/": "/", "/index.php/": r"/index\.php/"}[site.url_prefix]
    return Theme(
        name=site.name,
        site_type="pbootcms",
        follows=site.follows,
        site_name=site.site_title,
        category=site.category,
        article_path=article_path,
        listing_path=listing_path,
        render_article=render_article,
        render_listing=render_listing,
        article_pattern=rf"{prefix}{site.category_dir}/\d+\.html$",
        shows_time=False,
        articles=7,
        page_size=3,
    )


# --- values the tags print ---------------------------------------------------------


def cut_title(title: str, width: int) -> str:
    """``[list:title lencn=N]``: cut to N widths, a Han character one, an ASCII character half, then ``···``."""

    def measure(text: str) -> float:
        return sum(0.5 if ord(char) < 128 else 1.0 for char in text)

    if measure(title) <= width:
        return title
    cut, used = [], 0.0
    for char in title:
        used += 0.5 if ord(char) < 128 else 1.0
        if used > width:
            break
        cut.append(char)
    return "".join(cut) + "···"


def visits(article: MirrorArticle) -> int:
    """``{content:visits operate=+1000}``: a stable count, lifted by the template's +1000."""
    return 1000 + (article.article_id * 89) % 700


def _link(page: ThemePage, site: PbootSite, path: str) -> str:
    """A link as parserLink writes it: the site's directory, then the URL mode's prefix."""
    return f"{page.root}{site.url_prefix}{path}"


# --- the shared parts ----------------------------------------------------------------


def _head(site: PbootSite, page: ThemePage, title: str, keywords: str, description: str) -> str:
    tpl = f"{page.root}/template/default"
    nav = "\n".join(
        f"""                  <li class="nav-item {"active" if path == "news" else ""}">
                    <a class="nav-link" href="{_link(page, site, path + "/")}">{name}</a>
                  </li>"""
        for path, name in NAV
    )
    return f"""<!doctype html>
<html lang="zh">
<head>
    <meta charset="utf-8">
    <title>{title}</title>
    <meta name="keywords" content="{keywords}">
    <meta name="description" content="{description}">
    <meta name="viewport" content="width=device-width,initial-scale=1,minimum-scale=1,maximum-scale=1,shrink-to-fit=no">
    <link rel="stylesheet" href="{tpl}/bootstrap/css/bootstrap.min.css" >
    <link rel="stylesheet" href="{tpl}/font-awesome-4.7.0/css/font-awesome.min.css">
    <link rel="stylesheet" href="{tpl}/css/aoyun.css?v=v1.3.5" >
    <link rel="stylesheet" href="{tpl}/swiper-4.3.5/css/swiper.min.css">
    <link rel="stylesheet" href="{tpl}/css/animate.css">
    <link rel="stylesheet" href="{tpl}/css/custom.css">
    <link rel="shortcut icon" href="{page.root}/favicon.ico" type="image/x-icon">
    <script src="{tpl}/js/jquery-1.12.4.min.js" ></script>
</head>
<body>

<!-- 头部导航 -->
<nav class="navbar navbar-light bg-light fixed-top navbar-expand-lg shadow-sm">
  <div class="container">
          <a class="navbar-brand my-1" href="{page.root}/">
          <img src="{page.root}/static/upload/image/20210315/1615776325127583.png" class="logo-sm-height"  height="50">
        </a>

        <button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#navbarNav"
          aria-controls="navbarNav" aria-expanded="false" aria-label="Toggle navigation">
            <span class="navbar-toggler-icon"></span>
        </button>

        <div class="collapse navbar-collapse justify-content-end" id="navbarNav">
            <ul class="navbar-nav">
                 <li class="nav-item ">
                 <a class="nav-link" href="{page.root}/" >首页</a>
              </li>
{nav}
          </ul>

          <span class="navbar-text">
                    <a class="text-secondary" href="{_link(page, site, "member/register/")}" >注册</a>
                    /
                    <a class="text-secondary" href="{_link(page, site, "member/login/")}" >登录</a>
          </span>

        </div>
    </div>
</nav>

<!--占位导航栏-->
<div style="height:71px;" class="head-sm-height"></div>

<!-- 头部大屏 -->
<div class="jumbotron jumbotron-fluid mb-2"
  style="background:#e9ecef url({page.root}/static/upload/image/20180412/1523501459462835.jpg);
  background-size:cover;no-repeat">
  <div class="container text-light">
    <h1 class="fs-18 fs-sm-26 wow fadeInDown">{escape(site.category)}</h1>
    <p class="fs-14  fs-sm-18 wow fadeInDown">了解最新招商引资动态及重大项目进展</p>
  </div>
</div>
"""


def _position_and_sorts(site: PbootSite, page: ThemePage, count: int) -> str:
    # position.html with separator='>' (no spaces), then sortnav.html's buttons.
    category = escape(site.category)
    siblings = "\n".join(
        f'            <a href="{_link(page, site, path + "/")}" class="btn btn-light mb-2">'
        f'{name} <span class="badge btn-info">{rows}</span></a>'
        for path, name, rows in SIBLINGS
    )
    total = count + sum(rows for _, _, rows in SIBLINGS)
    here = _link(page, site, site.category_dir + "/")
    trail = (
        f'<a href="{page.root}/">首页</a>><a href="{_link(page, site, "news/")}">新闻中心</a>>'
        f'<a href="{here}">{category}</a>'
    )
    return f"""    <!-- 当前位置 -->
<div class="text-right position mb-3 d-none d-md-block">当前位置：{trail}</div>

    <!-- 分类导航 -->
<div class="sonsort mt-4 mb-2">
                <a href="{_link(page, site, "news/")}" class="btn btn-light mb-2">全部
                  <span class="badge btn-info">{total}</a>
            <a href="{here}" class="btn btn-info mb-2">{category} <span class="badge badge-light">{count}</span></a>
{siblings}
</div>
"""


def _footer(site: PbootSite, page: ThemePage, here: str) -> str:
    tpl = f"{page.root}/template/default"
    qr = quote(f"http://www.example.gov.cn{here}", safe="")
    return f"""
<div class="footer mt-3 pt-5 border-top text-secondary bg-light">
    <div class="container">
        <div class="row pb-5">
            <div class="col-12 col-md-5">
                <h5>{escape(site.company)}</h5>
                <ul class="lh-2">
                    <li>营业执照：12340100MB1234567X  </li>
                    <li>备案号码：<a href="http://beian.miit.gov.cn/" target="_blank">{escape(site.icp)}</a> </li>
                    <li>地址：{escape(site.address)} </li>
                </ul>
            </div>
            <div class="col-12 col-md-5">
                <div class="mt-4 d-block d-md-none"></div>

                <h5>联系我们</h5>
                <ul class="lh-2">
                    <li>电话：{escape(site.phone)} </li>
                    <li>邮箱：zsj@example.gov.cn </li>
                    <li>Q&nbsp;&nbsp;Q：88886666 </li>
                </ul>
            </div>
            <div class="col-12 col-md-2 text-center d-none d-md-block">
                <p class="code"><img src="{page.root}/core/qrcode.php?string={qr}" class="qrcode" alt="二维码"> </p>
                <p class="small">扫一扫 手机访问</p>
            </div>
        </div>
    </div>
    <div class="copyright border-top lh-3 text-center  d-none d-md-block">
        Copyright © 2021-{page.today.year} {escape(site.site_title)} All Rights Reserved.
    </div>
</div>

<!-- 占位 -->
<div style="height:49px;" class="d-block d-sm-none"></div>

<!-- 手机底部导航 -->
<div class="container-fluid bg-info fixed-bottom d-block d-sm-none">
    <div class="row">
        <div class="col-4 p-0 text-center border-right">
            <a href="tel:13988886666" class="text-light d-block pt-3 pb-3"
              ><i class="fa fa-phone" aria-hidden="true"></i> 电话咨询</a>
        </div>
        <div class="col-4 p-0 text-center border-right">
            <a target="_blank" href="http://wpa.qq.com/msgrd?v=3&uin=88886666&site=qq&menu=yes"
              class="text-light d-block pt-3 pb-3"><i class="fa fa-qq" aria-hidden="true"></i> 在线咨询</a>
        </div>
        <div class="col-4 p-0 text-center">
            <a href="{_link(page, site, "yqgk/")}" class="text-light d-block pt-3 pb-3"
              ><i class="fa fa-location-arrow" aria-hidden="true"></i> 园区概况</a>
        </div>
    </div>
</div>

<!-- 在线客服 -->
<div class="online d-none d-md-block">
    <dl>
        <dt style="width:150px;">
            <h3><i class="fa fa-commenting-o"></i>在线咨询<span class="remove"><i class="fa fa-remove"></i></span></h3>
            <p>
                <a target="_blank" href="http://wpa.qq.com/msgrd?v=3&uin=88886666&site=qq&menu=yes">
                    <img border="0" src="{tpl}/images/qq.jpg" alt="点击这里给我发消息" title="点击这里给我发消息"/>
                        招商咨询专员
                </a>
            </p>
        </dt>
        <dd><i class="fa fa-commenting-o"></i></dd>
        <dd>在线咨询</dd>
    </dl>
    <dl class="scroll-top">
        <dd><i class="fa fa-chevron-up"></i></dd>
        <dd>返回顶部</dd>
    </dl>
</div>

<script src="{tpl}/js/popper.min.js"></script>
<script src="{tpl}/bootstrap/js/bootstrap.min.js"></script>
<script src="{tpl}/js/wow.min.js"></script>
<script src="{tpl}/js/aoyun.js?v=v1.2.2"></script>

</body>
</html>
"""


def _list_item(page: ThemePage, article: MirrorArticle) -> str:
    return f"""            <li class="lh-3 border-bottom-dashed">
                <i class="fa fa-gg"></i>
                <a href="{page.article_href(article)}">
                    <span class="d-none d-md-inline">{escape(cut_title(article.title, 30))}</span><!-- PC端 -->
                    <span class="d-inline d-md-none">{escape(cut_title(article.title, 11))}</span><!-- 移动端 -->
                    <span class="float-right">{article.published:%Y-%m-%d}</span>
                </a>
            </li>"""


# --- the article page (news.html) ----------------------------------------------------


def _article_page(site: PbootSite, page: ThemePage, article: MirrorArticle) -> str:
    title = escape(article.title)
    category = escape(site.category)
    by_id = {other.article_id: other for other in page.recent}
    # getContentPre / getContentNext: the neighbours by id in the same category.
    older, newer = by_id.get(article.article_id - 1), by_id.get(article.article_id + 1)

    def neighbour(other: MirrorArticle | None) -> str:
        return f'<a href="{page.article_href(other)}">{escape(other.title)}</a>' if other else "没有了！"

    # news.html's grey line, with the 来源 and 作者 fields the sites add (see the module docstring).
    gap = "&nbsp;&nbsp;&nbsp;"
    info = (
        f"时间：{article.published:%Y-%m-%d}{gap}来源：{escape(article.source or '')}{gap}"
        f"作者：{escape(article.author or '')}{gap}访问量：{visits(article)}"
    )
    # UEditor's paragraphs, indented by style.
    body = "".join(f'<p style="text-indent: 2em;">{escape(line)}</p>' for line in article.paragraphs)
    latest = "\n".join(_list_item(page, other) for other in page.recent)
    description = escape("".join(article.paragraphs)[:120])
    head = _head(
        site,
        page,
        f"{title}-{category}-{escape(site.site_title)}-{escape(site.site_subtitle)}",
        f"{category},招商引资,项目签约",
        description,
    )
    return f"""{head}
<div class="container pages">

    {_position_and_sorts(site, page, page.theme.articles)}

    <h2 class="text-center fs-sm-28 fs-20 mt-3">{title}</h2>
    <div class="text-center border-bottom text-secondary pb-2 mb-3">
          {info}
    </div>
    <div class="content mb-3">{body}</div>
    <div class="text-secondary lh-2">
        <p>上一篇：{neighbour(older)}</p>
        <p>下一篇：{neighbour(newer)}</p>
    </div>

    <!-- 最新动态 -->
    <h5 class="border-bottom pb-2 mt-4">最新动态</h5>
    <ul>
{latest}
    </ul>
</div>

{_comment(site, page, article)}
{_footer(site, page, page.article_href(article))}"""


def _comment(site: PbootSite, page: ThemePage, article: MirrorArticle) -> str:
    action = _link(page, site, f"comment/add&contentid={article.article_id}")
    return f"""<div class="container">
    <div class="shadow-sm p-3 my-5 bg-white rounded">
        <h4>发表评论：</h4>
        <form class="my-4" onsubmit="return submitcomment(this);" data-action="{action}" >
                <div class="form-group">
                    <textarea name="comment" id="comment" class="form-control" placeholder="请输入评论内容"></textarea>
                </div>
                <div class="form-group">
                    <div class="row">
                        <div class="col-6 col-md-3">
                            <input type="text" name="checkcode" required id="checkcode" class="form-control"
                              placeholder="请输入验证码">
                        </div>
                        <div class="col-6  col-md-3">
                            <img title="点击刷新" class="codeimg"  style="height:33px;" src="{page.root}/core/code.php"
                              onclick="this.src='{page.root}/core/code.php?'+Math.round(Math.random()*10);" />
                        </div>
                    </div>
                </div>
                <div class="form-group">
                   <button type="submit" class="btn btn-info mb-2">提交评论</button>
                </div>
            </form>


            <h4>评论记录：</h4>
              <a name="comment"></a>

                   <div class="text-center my-5 text-secondary">未查询到任何数据！</div>
    </div>
</div>
"""


# --- the list page (newslist.html) ----------------------------------------------------


def _listing_page(site: PbootSite, page: ThemePage, articles: Sequence[MirrorArticle], number: int, pages: int) -> str:
    category = escape(site.category)
    rows = "\n".join(_list_item(page, article) for article in articles)
    head = _head(
        site,
        page,
        f"{category}-{escape(site.site_title)}-{escape(site.site_subtitle)}",
        f"{category},招商引资",
        f"{category}：{escape(site.site_title)}发布的招商引资动态",
    )
    return f"""{head}
<div class="container pages">

       {_position_and_sorts(site, page, page.theme.articles)}

     <!-- 列表内容 -->
     <ul>
{rows}
    </ul>

    <!-- 分页 -->
   <nav aria-label="page navigation" class="my-4">
     <div class="pagination justify-content-center">
         <a class="page-item page-link" href="{_page_href(page, 1, pages)}">首页</a>
         <a class="page-item page-link" href="{_page_href(page, number - 1, pages)}">上一页</a>
          {_numbar(page, number, pages)}<!-- 数字条，小屏幕时自动隐藏-->
          <a class="page-item page-link" href="{_page_href(page, number + 1, pages)}">下一页</a>
          <a class="page-item page-link" href="{_page_href(page, pages, pages)}">尾页</a>
     </div>
   </nav>

</div>

{_footer(site, page, page.listing_href(number))}"""


def _page_href(page: ThemePage, number: int, pages: int) -> str:
    # buildPath('') for a page that is not there: the pager's dead links.
    return page.listing_href(number) if 1 <= number <= pages else "javascript:;"


def _numbar(page: ThemePage, number: int, pages: int, total: int = 5) -> str:
    """Paging.php pageNumBar with the default five numbers."""
    half_low, half_up = total // 2, -(-total // 2)
    html = '<span class="page-num">···</span>' if number > half_up else ""
    if number <= half_low or pages < total:
        shown: Sequence[int] = range(1, min(total, pages) + 1)
    elif number + half_low >= pages:
        shown = range(pages - total + 1, pages + 1)
    else:
        shown = range(number - half_low, number + half_low + 1)

    def marked(n: int) -> str:
        return "page-num page-num-current" if n == number else "page-num"

    html += "".join(f'<a href="{page.listing_href(n)}" class="{marked(n)}">{n}</a>' for n in shown)
    if pages > total and number < pages - half_low:
        html += '<span class="page-num">···</span>'
    return html
