"""A DedeCMS 5.7 UTF-8 site: the default templates, ``charset=utf-8`` in the page and the header.

The UTF-8 build (``DedeCMS-V5.7-UTF8-SP2``) with 5.7's default naming rule
``{typedir}/{Y}/{M}{D}/{aid}.html`` under an ``/html`` channel directory
(``/html/tzdt/2021/0826/12.html``); the channel's pages are ``list_5_N.html``.
The automatic summary is cut at 240 UTF-8 bytes (80 Han characters).  The
markup is drawn by ``monitor.demo.mirror.themes._dedecms57``, whose docstring
says what it follows.
"""

from monitor.demo.mirror.themes._dedecms57 import FOLLOWS, DedeSite, dedecms_theme

THEME = dedecms_theme(
    DedeSite(
        name="dedecms57-utf8",
        site_name="宝山区投资促进服务中心",
        category="投资动态",
        typedir="/html/tzdt",
        typeid=5,
        date_dirs="%Y/%m%d",
        version="V57_UTF8_SP2",
        charset="utf-8",
        encoding="utf-8",
        header_charset="utf-8",
        summary_bytes=240,  # cut in UTF-8 bytes: 80 Han characters
        icp="沪ICP备10203040号-1",
        follows=FOLLOWS + "; the UTF-8 build (DedeCMS-V5.7-UTF8-SP2), naming rule {typedir}/{Y}/{M}{D}/{aid}.html",
    )
)
