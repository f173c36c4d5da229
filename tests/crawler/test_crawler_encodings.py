"""Page bytes in every encoding the sites use, through the decoding middleware and the cleaning step.

Every case is real bytes: the page is written in the named codec, the header
says what a real server would say (nothing, the truth, or a lie), and the
result must be the same Simplified text.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.middlewares import HTTP_CHARSET_META, KIND, DecodingMiddleware, header_charset
from crawler.processes import PageToClean, clean_pages

TITLE = "宝山区重大产业项目集中签约"
BODY = "8月26日,上海市宝山区100个产业项目集中签约,总投资额超500亿元。"
# Traditional forms, as a Big5 page writes them.
TITLE_TRAD = "寶山區重大產業項目集中簽約"
BODY_TRAD = "8月26日,上海市寶山區100個產業項目集中簽約,總投資額超500億元。"
# 鎔 and 堃 are outside GB2312: pages that declare gb2312 still use them (read as GB18030).
RARE = "朱镕基与王堃出席"


def page(title: str, body: str, meta: str | None) -> str:
    meta_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return (
        f"<html><head>{meta_tag}<title>{title}</title></head><body>"
        f'<div class="content"><h1>{title}</h1><p>{body}</p><p>{RARE}。</p></div></body></html>'
    )


# (case, codec the bytes are written in, meta charset, Content-Type header, traditional?)
CASES = [
    ("utf-8, header and meta agree", "utf-8", "utf-8", "text/html; charset=utf-8", False),
    ("utf-8, no header, no meta", "utf-8", None, "text/html", False),
    ("utf-8, header lies gbk", "utf-8", "utf-8", "text/html; charset=gbk", False),
    ("gbk, header and meta agree", "gbk", "gbk", "text/html; charset=gbk", False),
    ("gbk bytes, meta gb2312, no header charset", "gb18030", "gb2312", "text/html", False),
    ("gbk, header lies utf-8, meta tells gbk", "gbk", "gbk", "text/html; charset=utf-8", False),
    ("gbk, header lies iso-8859-1", "gbk", "gbk", "text/html; charset=iso-8859-1", False),
    ("gb18030, no meta, no header", "gb18030", None, "text/html", False),
    ("gb18030, header gb18030", "gb18030", None, "text/html; charset=gb18030", False),
    ("big5, header and meta agree", "big5", "big5", "text/html; charset=big5", True),
    ("big5, meta only", "big5", "big5", "text/html", True),
    ("big5, header lies gbk, meta big5", "big5", "big5", "text/html; charset=gbk", True),
]


@pytest.mark.parametrize(("case", "codec", "meta", "content_type", "traditional"), CASES, ids=[c[0] for c in CASES])
def test_every_encoding_ends_as_simplified_text(
    case: str, codec: str, meta: str | None, content_type: str, traditional: bool
) -> None:
    title, body = (TITLE_TRAD, BODY_TRAD) if traditional else (TITLE, BODY)
    rare = RARE if not traditional else RARE.replace("镕", "鎔")
    raw = page(title, body, meta).replace(RARE, rare).encode(codec, errors="xmlcharrefreplace")
    request = Request("http://127.0.0.1/a/1.html")
    response = HtmlResponse(request.url, body=raw, headers={"Content-Type": content_type}, request=request)

    decoded = DecodingMiddleware().process_response(request, response)
    assert isinstance(decoded, HtmlResponse)
    assert decoded.body == raw  # the archive keeps the bytes as fetched
    assert body in decoded.text  # selectors see the right characters

    # An article page is left to cleaning, with the header's charset for it to weigh.
    article_request = Request(request.url, meta={KIND: "article"})
    article_response = HtmlResponse(
        request.url, body=raw, headers={"Content-Type": content_type}, request=article_request
    )
    assert DecodingMiddleware().process_response(article_request, article_response) is article_response
    http_charset = article_request.meta[HTTP_CHARSET_META]
    assert http_charset == header_charset(response)

    [cleaned] = clean_pages([PageToClean(raw, request.url, datetime(2024, 1, 1), http_charset, "generic")])
    article = cleaned.article
    assert BODY in article.body
    assert "镕" in article.body or "鎔" in article.body
