"""A Z-BlogPHP 1.7 blog in the default theme with rewritten (static) URLs: ``post/N.html``, ``category-N_P.html``.

The markup is ``_zblog_default``'s (see there for what it follows); this
site is the install after the 静态管理中心 plugin switched it to rewriting,
with the plugin's first static rules for articles (``{%host%}post/{%id%}.html``),
pages (``{%host%}{%id%}.html``) and categories (``{%host%}category-{%id%}_{%page%}.html``).
"""

from monitor.demo.mirror.themes._zblog_default import STATIC, VERSION, ZblogDefaultSite, default_theme

THEME = default_theme(
    ZblogDefaultSite(
        name="zblog-default",
        site_name="嘉定产业招商网",
        subname="厂房土地 · 招商引资 · 产业资讯",
        category="招商资讯",
        category_id=2,
        urls=STATIC,
        article_pattern=r"/zblog-default/post/\d+\.html$",
        icp="沪ICP备16041523号-1",
        follows=(
            f"Z-BlogPHP {VERSION} (zblogcn/zblogphp v1.7.5.3540), default theme 1.24, rewrite mode: "
            "zb_users/theme/default/template/{header,footer,index,single,post-multi,post-single,comments,"
            "comment,commentpost}.php; zb_system/defend/default/{pagebar,module}.php; "
            "zb_users/plugin/STACentre/main.php"
        ),
    )
)
