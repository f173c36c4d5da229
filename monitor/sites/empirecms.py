"""EmpireCMS (帝国CMS) sites: ``index_N.html`` or ``/e/action/ListInfo/`` lists, dated or ``ShowInfo.php`` articles.

Written against the 7.x default template set (as EmpireCMS 8.0 still ships it,
``e/install/data/empirecms.tempdata.sql``) and the functions that fill it
(``e/class/t_functions.php``, ``e/class/connect.php``, ``e/action/``).
"""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="empirecms",
    summary="EmpireCMS (帝国CMS): index_N.html or ListInfo lists, dated or ShowInfo.php articles",
    rank=50,
    # EmpireCMS prints no generator <meta>.  Its scripts and links all live under /e/:
    # the click counter, the member login script, 会员中心, 我要投稿, the dynamic pages.
    source_marks=(
        "/e/public/ViewClick/",
        "/e/member/login/loginjs.php",
        "/e/member/cp/",
        "/e/DoInfo/",
        "/e/action/ShowInfo.php",
        "/e/action/ListInfo/",
    ),
    # The default templates' <title>: "[!--pagetitle--] - Powered by EmpireCMS".
    title_marks=("Powered by EmpireCMS",),
    # The default info line: "时间：2021-08-26 09:30:00  来源：…" (date format Y-m-d H:i:s).
    text_marker=r"^时间[:：]\s*20\d{2}-\d{2}-\d{2}\s+\d{2}:\d{2}:\d{2}\s+来源[:：]",
    # Static articles under their date (文件存放目录 Y-m-d, Y/md or Ymd; the file named by id:
    # /news/2021-08-26/123.html, /html/news/2021/0826/123.html), the rewritten
    # /showinfo-2-123-0.html, and the dynamic /e/action/ShowInfo.php?classid=2&id=123.
    # A long article's further pages (123_2.html, showinfo-2-123-1.html) are the same article.
    article_url=(
        r"/(?:20\d{2}-\d{2}-\d{2}|20\d{2}/\d{4}|20\d{6})/\d+\.html$"
        r"|/showinfo-\d+-\d+-0\.html$"
        r"|/e/action/ShowInfo\.php\?(?:[^#]*&)?id=\d+(?:&classid=\d+)?$"
    ),
    # Further list pages: static index_2.html …; rewritten listinfo-2-1.html … and the dynamic
    # ListInfo pages from ?page=1 on (both count pages from 0: page=0 is the first).
    listing_url=(
        r"/index_\d+\.html$"
        r"|/listinfo-\d+-[1-9]\d*\.html$"
        r"|/e/action/ListInfo/(?:index\.php)?\?(?:[^#]*&)?page=[1-9]\d*(?:&|$)"
    ),
    # The list's rows sit in td.news_list; the sider's 最后更新/热门点击 repeat some of them.
    listing_links_css="td.news_list a",
    # [!--newstext--] is printed into <td id="text">.
    content_blocks=("text",),
    # The digg box and the comment form under the article (when the body is found without td#text).
    chrome_drop=(r"^来顶一下$", r"^返回首页$", r"^发表评论$", r"^共有\s*\d*\s*条评论$", r"^匿名发表$"),
    chrome_cut=(r"^(?:用户名|验证码)[:：]",),
    # The title is the only <h1>, in table.title_info; td.info_text holds
    # "时间：… 来源：… 作者：…" (and 点击 where the template adds [!--onclick--]).
    title_xpath=("//table[contains(concat(' ', normalize-space(@class), ' '), ' title_info ')]//h1",),
    date_xpath=("//td[contains(concat(' ', normalize-space(@class), ' '), ' info_text ')]",),
    source_xpath=("//td[contains(concat(' ', normalize-space(@class), ' '), ' info_text ')]",),
    # [!--show.listpage--] is printed into <div class="epages">.
    pagination_css="div.epages",
    follows="EmpireCMS 7.5 (default template set, as shipped through 8.0)",
)
