"""A PbootCMS site as installed: the default template in the default URL mode 3 (兼容模式), ``/?zsdt/12.html``.

Mode 3 puts the whole path in the query string, so the site works without
rewrite rules: articles ``/?zsdt/12.html``, the category ``/?zsdt/``, its
further pages ``/?zsdt_2/`` (``core/basic/Url.php``, ``core/view/Paging.php``).
The markup is drawn by ``monitor.demo.mirror.themes._pbootcms``, whose docstring
says what it follows.
"""

from monitor.demo.mirror.themes._pbootcms import FOLLOWS, PbootSite, pbootcms_theme

THEME = pbootcms_theme(
    PbootSite(
        name="pbootcms-default",
        site_title="肥西经济开发区",
        site_subtitle="投资促进局",
        company="肥西经济开发区投资促进局",
        category="招商动态",
        category_dir="zsdt",
        url_prefix="/?",
        icp="皖ICP备20012345号-1",
        address="安徽省合肥市肥西县紫蓬路1号",
        phone="0551-68881234",
        follows=FOLLOWS + "; URL mode 3 (兼容模式, the default): /?zsdt/12.html, /?zsdt_2/",
    )
)
