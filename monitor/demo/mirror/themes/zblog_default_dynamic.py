"""A Z-BlogPHP 1.7 blog in the default theme with the install's dynamic URLs: ``?id=N``, ``?cate=N&page=P``.

The markup is ``_zblog_default``'s (see there for what it follows); this
site keeps ``ZC_STATIC_MODE = 'ACTIVE'`` from ``zb_system/defend/option.php``:
articles and pages at ``{%host%}?id={%id%}`` (the guestbook page too, at
``?id=2``), categories at ``{%host%}?cate={%id%}&page={%page%}`` — page 1
without its ``&page=``, and every ``&`` in a link written ``&amp;``.
"""

from monitor.demo.mirror.themes._zblog_default import DYNAMIC, VERSION, ZblogDefaultSite, default_theme

THEME = default_theme(
    ZblogDefaultSite(
        name="zblog-dynamic",
        site_name="松江招商引资信息",
        subname="Good Luck To You!",
        category="项目签约",
        category_id=3,
        urls=DYNAMIC,
        article_pattern=r"/zblog-dynamic/\?id=\d+$",
        icp="沪ICP备19027736号",
        follows=(
            f"Z-BlogPHP {VERSION} (zblogcn/zblogphp v1.7.5.3540), default theme 1.24, dynamic mode: "
            "zb_users/theme/default/template/{header,footer,index,single,post-multi,post-single,comments,"
            "comment,commentpost}.php; zb_system/defend/default/{pagebar,module}.php; "
            "zb_system/defend/option.php; zb_system/function/lib/urlrule.php"
        ),
    )
)
