"""The 中国台湾网 mobile portal: TRS-style ``index_N.htm`` listings and ``tYYYYMMDD_ID.htm`` articles."""

from monitor.sites.declaration import SiteType

SITE = SiteType(
    name="taiwancn",
    summary="中国台湾网 (mobile): TRS-style index_N.htm listings and tYYYYMMDD_ID.htm articles",
    rank=30,
    hosts=("taiwan.cn",),
    title_marks=("台湾网", "台灣網"),
    text_marker=r"中[国國][台臺][湾灣][网網]",
    article_url=r"/t20\d{6}_\d+\.s?html?$",
    listing_url=r"/index(?:_\d+)?\.s?html?$",
    # The TRS editor's body block, which government and news portals share.
    content_blocks=("TRS_Editor", "content", "article-content"),
    chrome_drop=(r"^[•·]?\s*中国台湾网(移动版)?$", r"^字号$"),
)
