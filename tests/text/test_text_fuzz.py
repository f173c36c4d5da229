"""Fuzzing the HTML path: ``clean_html`` then ``extract`` on random bytes, random markup and Chinese text with numbers.

Two sources of inputs, both in the default run:

- a seeded corpus (``CORPUS_SIZE`` inputs, the same every run, so a failure
  names a reproducible case): random bytes of every size, markup assembled
  from the pieces real pages and broken pages are made of (control-character
  references, enormous and odd numbers, deep nesting, stray bytes), and
  Chinese text with numbers in every form extraction reads;
- Hypothesis strategies of the same three kinds, shrinking any failure.

Every input must clean and extract without an exception, and whatever comes
out must be storable: JSON-able, no figure past ``MAX_AMOUNT``, no count of
projects past ``MAX_PROJECTS``, a one-line reason when the page is no article.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.events.amounts import MAX_AMOUNT
from monitor.events.extraction import extract
from monitor.events.model import MAX_PROJECTS
from monitor.text import CleanArticle, clean_html, clean_text
from monitor.text.plausible import not_an_article

CORPUS_SIZE = 10_500
HYPOTHESIS_EXAMPLES = 500  # per strategy; three strategies
CHARSETS = [None, "utf-8", "gbk", "gb2312", "big5", "latin-1", "utf-16", "bogus"]

_HAN = "上海市宝山区嘉定金山青浦松江闵行浦东新区江苏省苏州工业园投资签约仪式项目集中重大产业总额合作协议战略举行"
_NUMERALS = "零〇一二两三四五六七八九十百千万亿数"
_UNITS = ["元", "亿元", "万元", "亿", "万亿元", "美元", "亿美元", "个项目", "项", "宗", "人", "吨", "%", ""]
_QUALIFIERS = ["", "超", "近", "约", "逾", "达", "共计", "突破", "以上", "左右", "余", "多"]
_MARKUP = [
    "<p>", "</p>", "<div>", "</div>", "<div class='content'>", "<br>", "<br/>", "<h1>", "</h1>", "<title>",
    "</title>", "<table><tr><td>", "</td></tr></table>", "<script>var a=1;</script>", "<style>p{}</style>",
    "<!-- comment -->", "<![CDATA[x]]>", "<?xml version='1.0' encoding='gbk'?>", "<meta charset='gbk'>",
    "<meta http-equiv='Content-Type' content='text/html; charset=big5'>", "<meta name='pubdate' content='2021-08-26'>",
    "<a href='/news/1.html'>", "</a>", "<nav>首页 > 新闻</nav>", "<ul><li>", "</li></ul>", "<img src=x>",
    "&amp;", "&nbsp;", "&#12288;", "&#x4e2d;", "&#2;", "&#1;", "&#11;", "&#x0B;", "&#0;", "&#65535;", "&#xFFFE;",
    "&#xD800;", "&#1114112;", "&#", "&#x;", "&bogus;", "<", ">", "</", "<<>>", "\x00", "\x1b", "\x7f", "\ufffd",
    "\u3000", "\u200b", "\ufeff", "\r\n", "\t", "來源:新華網", "發佈時間:2023-10-24 14:09", "寶山區(qū)", "毙旖ㄇ嗾f",
    "上??苿?chuàng)", "当前位置:首页", "责任编辑:张三", "相关文章", "2021年8月26日", "8月26日", "同日", "其中",
]  # fmt: skip


def _number(rng: random.Random) -> str:
    """A number as Chinese news writes one, or as a broken page might."""
    kind = rng.randrange(9)
    if kind == 0:
        return str(rng.randrange(1, 10_000))
    if kind == 1:
        return f"{rng.randrange(1, 1000)}.{rng.randrange(100)}"
    if kind == 2:
        return f"{rng.randrange(1, 999)},{rng.randrange(1000):03d}"
    if kind == 3:
        return "".join(rng.choice(_NUMERALS) for _ in range(rng.randrange(1, 8)))
    if kind == 4:
        return "9" * rng.choice([17, 20, 40, 400, 5000])  # past any real figure
    if kind == 5:
        return "1" + "0" * rng.randrange(10, 30)
    if kind == 6:
        return f"{rng.randrange(10, 99)}-{rng.randrange(100, 999)}"
    if kind == 7:
        return "亿" * rng.randrange(1, 40)
    return rng.choice(["上", "数", "数百", "上千", "百", "0", "00000000000000000001", "1..2", "1,,2", ".5"])


def _chinese_text(rng: random.Random) -> str:
    """Sentences of Chinese with amounts, counts and dates where extraction looks for them."""
    sentences = []
    for _ in range(rng.randrange(1, 5)):
        words = [rng.choice(_HAN) for _ in range(rng.randrange(2, 20))]
        for _ in range(rng.randrange(0, 4)):
            figure = rng.choice(_QUALIFIERS) + _number(rng) + rng.choice(_UNITS)
            words.insert(rng.randrange(len(words) + 1), figure)
        sentences.append("".join(words) + rng.choice(["。", ",", ";", "!", "", "\n"]))
    return "".join(sentences)


def _random_bytes(rng: random.Random) -> bytes:
    size = rng.choice([0, 1, 7, 64, 512, 2048, 8192])
    data = rng.randbytes(size)
    if rng.random() < 0.3:  # a page that starts like HTML and then goes wrong
        data = b"<html><body><p>" + data + b"</p></body></html>"
    return data


def _markup(rng: random.Random) -> str:
    pieces = [rng.choice(_MARKUP) if rng.random() < 0.6 else _chinese_text(rng) for _ in range(rng.randrange(1, 40))]
    if rng.random() < 0.02:
        depth = rng.choice([300, 2100, 5000])
        pieces = ["<div>" * depth, *pieces, "</div>" * rng.randrange(depth)]
    return "".join(pieces)


# (kind, page, declared charset): what the seeded corpus feeds cleaning.
Input = tuple[str, bytes | str, str | None]


def corpus(size: int = CORPUS_SIZE, seed: int = 2026) -> list[Input]:
    """The seeded inputs: a third each of random bytes, random markup (bytes in some codec, or text), Chinese text."""
    rng = random.Random(seed)
    inputs: list[Input] = []
    for index in range(size):
        charset = rng.choice(CHARSETS)
        if index % 3 == 0:
            inputs.append(("bytes", _random_bytes(rng), charset))
        elif index % 3 == 1:
            page = _markup(rng)
            codec = rng.choice(["utf-8", "gb18030", "big5", "utf-16"])
            inputs.append(("markup", page.encode(codec, errors="replace") if rng.random() < 0.8 else page, charset))
        else:
            inputs.append(("text", _chinese_text(rng), charset))
    return inputs


def _check(article: CleanArticle) -> None:
    """What comes out is storable: text, a verdict, and an extraction the store can hold."""
    assert isinstance(article.canonical_text, str) and len(article.content_hash) == 16
    assert all("\n" not in paragraph for paragraph in article.paragraphs)
    why = not_an_article(article)
    assert why is None or (why and "\n" not in why)
    extraction = extract(article)
    json.dumps(extraction.to_json(), allow_nan=False)  # plain numbers only: no inf, no NaN
    figures = [*extraction.figures, *(f for event in extraction.events for f in event.figures)]
    for figure in figures:
        assert 0 < figure.value <= MAX_AMOUNT and (figure.maximum is None or figure.maximum <= MAX_AMOUNT)
    counts = [f.projects for f in figures] + [e.projects for e in extraction.events]
    counts += [part.projects for event in extraction.events for part in event.parts]
    assert all(count is None or 0 <= count <= MAX_PROJECTS for count in counts)


def _clean_and_check(page: bytes | str, charset: str | None, text: Callable[[str], CleanArticle] | None = None) -> None:
    _check(clean_html(page, http_charset=charset, url="http://127.0.0.1/news/1.html"))
    if text is not None and isinstance(page, str):
        _check(text(page))


def test_the_seeded_corpus_cleans_and_extracts_without_an_exception() -> None:
    inputs = corpus()
    assert len(inputs) >= 10_000
    for number, (kind, page, charset) in enumerate(inputs):
        try:
            _clean_and_check(page, charset, clean_text if kind == "text" else None)
        except Exception as error:  # name the reproducible case, then fail with it
            raise AssertionError(f"corpus input {number} ({kind}, charset {charset}): {page[:200]!r}") from error


_FUZZ = settings(max_examples=HYPOTHESIS_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_HAN_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_NUMBER_TEXT = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.text(alphabet=_NUMERALS, min_size=1, max_size=12),
)
_FIGURE = st.tuples(st.sampled_from(_QUALIFIERS), _NUMBER_TEXT, st.sampled_from(_UNITS)).map("".join)
_CHINESE_WITH_NUMBERS = st.lists(
    st.one_of(st.text(alphabet=_HAN_CHARS, min_size=1, max_size=12), _FIGURE, st.sampled_from(["。", ",", "\n"])),
    max_size=30,
).map("".join)


@_FUZZ
@given(st.binary(max_size=3000), st.sampled_from(CHARSETS))
def test_property_random_bytes(page: bytes, charset: str | None) -> None:
    _clean_and_check(page, charset)


@_FUZZ
@given(st.lists(st.one_of(st.sampled_from(_MARKUP), st.text(max_size=20), _FIGURE), max_size=40).map("".join))
def test_property_random_markup(page: str) -> None:
    _clean_and_check(page, None)
    _clean_and_check(page.encode("utf-8", errors="replace"), "utf-8")


@_FUZZ
@given(_CHINESE_WITH_NUMBERS)
def test_property_chinese_text_with_numbers(text: str) -> None:
    _clean_and_check(text, None, clean_text)
    _clean_and_check(f"<html><body><h1>签约</h1><p>{text}</p></body></html>".encode(), "utf-8")
