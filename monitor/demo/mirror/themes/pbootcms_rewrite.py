"""A PbootCMS site with rewritten URLs: the default template in URL mode 2 (伪静态), ``/xmqy/12.html``.

With the rewrite rules PbootCMS ships for Apache and Nginx, mode 2 drops the
``?``: articles ``/xmqy/12.html``, the category ``/xmqy/``, its further pages
``/xmqy_2/`` (``core/basic/Url.php``, ``core/view/Paging.php``).  The markup is
drawn by ``monitor.demo.mirror.themes._pbootcms``, whose docstring says what it follows.
"""

from monitor.demo.mirror.themes._pbootcms import FOLLOWS, PbootSite, pbootcms_theme

THEME = pbootcms_theme(
    PbootSite(
        name="pbootcms-rewrite",
        site_title="嘉兴市投资促进中心",
        site_subtitle="招商引资服务平台",
        company="嘉兴市投资促进中心",
        category="项目签约",
        category_dir="xmqy",
        url_prefix="/",
        icp="浙ICP备19023456号",
        address="浙江省嘉兴市南湖区中环南路1288号",
        phone="0573-82221234",
        follows=FOLLOWS + "; URL mode 2 (伪静态): /xmqy/12.html, /xmqy_2/",
    )
)
