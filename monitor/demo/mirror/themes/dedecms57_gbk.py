"""A DedeCMS 5.7 GBK site: the default templates, pages in GBK bytes, ``charset=gb2312`` and no charset in the header.

Most DedeCMS portals of county and park investment offices run the GBK
build (``DedeCMS-V5.7-GBK-SP2``): the page says ``gb2312`` in its ``<meta>``,
the server's Content-Type names no charset, and the bytes are GBK (characters
outside GB2312 included).  Articles follow the naming rule
``{typedir}/{Y}{M}{D}/{aid}.html`` (``/a/zhaoshang/20210826/12.html``); the
channel's pages are ``list_1_N.html``.  The markup is drawn by
``monitor.demo.mirror.themes._dedecms57``, whose docstring says what it follows.
"""

from monitor.demo.mirror.themes._dedecms57 import FOLLOWS, DedeSite, dedecms_theme

THEME = dedecms_theme(
    DedeSite(
        name="dedecms57-gbk",
        site_name="肥西县投资促进网",
        category="招商动态",
        typedir="/a/zhaoshang",
        typeid=1,
        date_dirs="%Y%m%d",
        version="V57_GBK_SP2",
        charset="gb2312",
        encoding="gbk",
        header_charset=None,
        summary_bytes=240,  # cut in GBK bytes: 120 Han characters
        icp="皖ICP备12034567号",
        follows=FOLLOWS + "; the GBK build (DedeCMS-V5.7-GBK-SP2), naming rule {typedir}/{Y}{M}{D}/{aid}.html",
    )
)
