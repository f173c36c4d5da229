"""Cleaning HTML pages: templates, counters and related lists, encodings, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.errors import SignwatchError
from monitor.text import CleanArticle, clean_html, clean_text, decode_page
from tests.text.clean_seed_pages import dedecms_page, plain_page, seed_text, taiwancn_page, zblog_page

FETCHED = datetime(2024, 6, 20, 12, 0)

TEMPLATES: list[tuple[int, Callable[[int], str]]] = [
    (0, plain_page),
    (1, zblog_page), (1, plain_page), (1, dedecms_page),
    (2, zblog_page), (2, plain_page),
    (3, taiwancn_page), (3, plain_page),
    (4, dedecms_page), (4, plain_page),
]  # fmt: skip


@pytest.mark.parametrize(("seed", "template"), TEMPLATES)
def test_html_and_text_give_the_same_article(seed: int, template: Callable[[int], str]) -> None:
    from_text = clean_text(seed_text(seed), fetched=FETCHED)
    from_html = clean_html(template(seed), fetched=FETCHED)
    assert from_html.canonical_text == from_text.canonical_text
    assert from_html.content_hash == from_text.content_hash
    assert (from_html.published, from_html.source, from_html.script) == (
        from_text.published,
        from_text.source,
        from_text.script,
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_view_counter_and_related_list_do_not_change_the_hash(seed: int) -> None:
    first = clean_html(zblog_page(seed, views=941, related=("2019年1月宝山在售楼盘报价",)))
    later = clean_html(zblog_page(seed, views=1377, related=("105个项目总投资额276亿元", "嘉定新城:选好赛道")))
    assert first.content_hash == later.content_hash
    assert clean_html(dedecms_page(4, views=94)).content_hash == clean_html(dedecms_page(4, views=5012)).content_hash
    assert (
        clean_html(taiwancn_page(3, related=("甲",))).content_hash
        == clean_html(taiwancn_page(3, related=("两岸企业家峰会", "台胞投资签约20亿元"))).content_hash
    )


@pytest.mark.parametrize(("url", "site_type"), [
    ("http://bs-cfw.com/index.php/post/5700.html", "zblog"),
    (None, "generic"),
])  # fmt: skip
def test_site_type_argument(url: str | None, site_type: str) -> None:
    article = clean_html(zblog_page(1), url=url, site_type=site_type, fetched=FETCHED)
    assert article.content_hash == clean_text(seed_text(1), fetched=FETCHED).content_hash


def test_unknown_site_type_is_a_clear_error() -> None:
    with pytest.raises(SignwatchError, match="unknown site type"):
        clean_html("<p>x</p>", site_type="no-such-cms")


def _page(seed: int, charset: str) -> str:
    return str(dedecms_page(seed, charset=charset))


# Pages in each encoding, with and without a header; a header that contradicts <meta>.
ENCODED = [
    # (seed, declared in <meta>, bytes codec, HTTP header)
    (4, "gbk", "gbk", None),
    (4, "gbk", "gbk", "GBK"),
    (4, "gb2312", "gb18030", "ISO-8859-1"),
    (4, "gb18030", "gb18030", "utf-8"),
    (1, "utf-8", "utf-8", None),
    (1, "utf-8", "utf-8", "gbk"),
    (3, "gbk", "gbk", "utf-8"),
]  # fmt: skip


@pytest.mark.parametrize(("seed", "declared", "codec", "header"), ENCODED)
def test_encodings(seed: int, declared: str, codec: str, header: str | None) -> None:
    page = _page(seed, declared)
    expected = clean_html(page, fetched=FETCHED)
    got = clean_html(page.encode(codec, errors="xmlcharrefreplace"), http_charset=header, fetched=FETCHED)
    assert got.content_hash == expected.content_hash


def test_big5_page() -> None:
    paragraphs = [
        "上海金山最新打出一套促進經濟高質量發展「組合拳」:總投資80億元的3個項目集中簽約。",
        "金山區委書記胡衛國表示。",
    ]
    page = "<html><head><meta charset=big5><title>上海灣區吹響招商引資集結號</title></head><body>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    for header in (None, "big5", "utf-8"):
        article = clean_html(page.encode("big5hkscs"), http_charset=header)
        assert "总投资80亿元的3个项目集中签约" in article.body
        assert article.script == "traditional"


@pytest.mark.parametrize(("page", "codec"), [
    ("<meta charset=gbk><p>宝山</p>".encode("gbk"), "gb18030"),
    (b"\xef\xbb\xbf<p>\xe5\xae\x9d</p>", "utf-8-sig"),
    ("<p>宝山区签约</p>".encode(), "utf-8"),
    ("<p>宝山区重大产业项目集中签约仪式</p>".encode("gbk"), "gb18030"),
    ("<p>上海灣區招商引資集結號</p>".encode("big5"), "big5hkscs"),
])  # fmt: skip
def test_decode_page_codec(page: bytes, codec: str) -> None:
    assert decode_page(page)[1] == codec


BAD_INPUTS: list[bytes | str] = [
    b"",
    "",
    "   \n\t ",
    bytes(range(256)) * 40,
    b"\x00\x01\x02<html>\x00",
    "<html><body><div><p>宝山区<b>签约<i>项目<div>总投资".encode(),
    "<html><head><title>只有标题</title></head></html>",
    "<?xml version='1.0' encoding='gbk'?><html><body><p>宝山区签约</p></body></html>",
    "<p>宝山区签约</p>".encode("gbk") + "<p>嘉定区签约</p>".encode() + "<p>金山區簽約</p>".encode("big5"),
    "<" * 5000,
    "<div>" * 3000 + "宝山" + "</div>" * 10,
]


@pytest.mark.parametrize("page", BAD_INPUTS)
def test_bad_html_gives_a_result(page: bytes | str) -> None:
    article = clean_html(page)
    assert isinstance(article, CleanArticle)
    assert article.content_hash is not None


@pytest.mark.parametrize("href", ["http://[x/", "//[::1/a", "http://]/", " http://[2001:db8::1/"])
def test_a_malformed_link_url_is_no_failure(href: str) -> None:
    # urllib refuses a host with [ and no ] (ValueError); the name and title reads resolve every link.
    page = (
        "<html><head><title>关于开展招商工作的通知_某某网</title></head><body>"
        f'<div class="nav"><a href="{href}">某某网</a></div><h1><a href="{href}">关于开展招商工作的通知</a></h1>'
        "<div class=content><p>" + "本市今天签约了一个重要的项目，总投资三十亿元。" * 5 + "</p></div></body></html>"
    )
    article = clean_html(page.encode(), url="http://example.gov.cn/a/b/t20210826_1.html")
    assert article.title == "关于开展招商工作的通知"
    assert "总投资三十亿元" in article.body


def test_bad_text_gives_a_result() -> None:
    for text in ["", "\n\n", "\x00\x01", "当前位置:首页", "2023-10-24", "?" * 50, "毙旖ㄇ嗾" * 100]:
        assert isinstance(clean_text(text), CleanArticle)


def test_twenty_megabyte_page() -> None:
    paragraph = "<p>" + "宝山区100个产业项目集中签约,总投资额超500亿元。" * 20 + "</p>\n"
    copies = 20_000_000 // len(paragraph.encode())
    page = ("<html><body><h1>宝山区重大产业项目集中签约</h1>" + paragraph * copies).encode()
    assert len(page) > 19_000_000
    article = clean_html(page)
    assert article.title == "宝山区重大产业项目集中签约"
    assert "truncated" in article.flags
    assert "总投资额超500亿元" in article.body


def test_mixed_encodings_page_keeps_the_majority_text() -> None:
    majority = "宝山区重大产业项目集中签约,总投资额超500亿元。" * 20
    page = ("<html><meta charset=gbk><body><p>" + majority + "</p>").encode("gbk")
    page += "<p>嘉定区签约</p></body></html>".encode()
    assert "总投资额超500亿元" in clean_html(page).body


_HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<div class='content'>", "</div>", "<br>", "<h1>", "</h1>", "<script>x</script>",
    "<nav>首页 > 新闻</nav>", "當前位置:首頁", "2023-10-24 14:09", "來源:新華網", "寶山區(qū)", "毙旖ㄇ嗾f",
    "上??苿?chuàng)", "相关文章", "*近", "水######融", "&amp;", "&#x4e2d;", "<", ">", "\x00", "\u3000",
])  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_HTML_PIECES, st.text(max_size=30)), max_size=40))
def test_property_random_html_never_crashes(pieces: list[str]) -> None:
    page = "".join(pieces)
    for value in (page, page.encode("utf-8", errors="replace")):
        article = clean_html(value)
        assert isinstance(article.canonical_text, str)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_property_random_text_never_crashes(text: str) -> None:
    article = clean_text(text)
    assert isinstance(article.canonical_text, str)
    assert not any("\n" in paragraph for paragraph in article.paragraphs)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "gbk", "big5", "utf-8", "latin-1", "bogus"]))
def test_property_random_bytes_decode(page: bytes, header: str | None) -> None:
    text, codec = decode_page(page, header)
    assert isinstance(text, str) and codec
    assert isinstance(clean_html(page, http_charset=header), CleanArticle)
