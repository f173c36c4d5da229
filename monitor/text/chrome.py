"""Page chrome and spam, as data: which lines are dropped and which end the article.

Rules work on Simplified lines (cleaning converts before it filters), so one
pattern serves ``相关新闻`` and ``相關新聞``.  ``GENERIC`` applies to every page;
each site type adds its own, declared in its ``monitor.sites`` module.  A *drop*
rule removes one line; a *cut* rule marks where the article ends: that line and
everything after it go.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from monitor.sites import fallback_site_type, site_types


@dataclass(frozen=True)
class ChromeRules:
    """Line patterns for one site type."""

    drop: tuple[re.Pattern[str], ...] = ()
    cut: tuple[re.Pattern[str], ...] = ()

    def __add__(self, other: ChromeRules) -> ChromeRules:
        return ChromeRules(self.drop + other.drop, self.cut + other.cut)

    @functools.cached_property
    def drops(self) -> LineMatcher:
        """Whether any drop rule finds its pattern in a line, in few regex calls (see ``LineMatcher``)."""
        return LineMatcher(self.drop)

    @functools.cached_property
    def cuts(self) -> LineMatcher:
        """Whether any cut rule finds its pattern in a line, in few regex calls (see ``LineMatcher``)."""
        return LineMatcher(self.cut)


class LineMatcher:
    """Whether any of some patterns is found in a line: what ``any(p.search(line) for p in patterns)`` says.

    Most rules are anchored at the line's start (``^当前位置``): those are tried as one
    alternation, at the start only, in one call; the others one by one.  Every line of
    every page meets every rule, and a call per rule was most of the rules' cost.  (One
    alternation of all the rules, searched, measured twice as slow: the unanchored ones
    lose their literal-prefix fast paths, and the anchored ones are tried at every position.)
    """

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        """Split ``patterns`` into those anchored at the start (joined) and the rest."""
        anchored = [pattern for pattern in patterns if _anchored_at_start(pattern)]
        self._rest = tuple(pattern for pattern in patterns if pattern not in anchored)
        joined = "|".join(f"(?:{pattern.pattern[1:]})" for pattern in anchored)
        self._start = re.compile(joined).match if anchored else None

    def __call__(self, line: str) -> bool:
        """True when one of the patterns is found in ``line``."""
        if self._start is not None and self._start(line) is not None:
            return True
        return any(pattern.search(line) for pattern in self._rest)


def _anchored_at_start(pattern: re.Pattern[str]) -> bool:
    """True for a pattern that starts with ``^`` and has no ``|`` outside brackets (``^a|b`` is not anchored).

    Only plain patterns qualify (default flags, no backreference that joining
    them would renumber): the rest are searched as they are.
    """
    text = pattern.pattern
    if not text.startswith("^") or pattern.flags != re.UNICODE or re.search(r"\\[1-9]|\(\?P=", text):
        return False
    depth, index, in_class = 0, 1, False
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if text[index + 1 : index + 2] == "]":  # a ] first in a class is a member
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        index += 1
    return True


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


GENERIC = ChromeRules(
    drop=_patterns(
        # breadcrumbs and navigation
        r"^(当前位置|您的位置|你的位置|现在位置|所在位置|当前的位置)\s*[:：]",
        r"^首页\s*[>›»/]",
        r"^返回(首页|列表|顶部)$",
        r"^(字号|字体)\s*[:：]?\s*(大|中|小|\s)*$",
        r"^(打印|关闭|关闭窗口|打印本页|收藏|【?打印】?\s*【?关闭】?)$",
        r"^[•·]\s*\S{1,20}$",
        # meta lines that escaped the header
        r"^(来源|作者|编辑|责编|发布时间|发布日期|时间)\s*[:：].{0,40}(点击|浏览|阅读)\s*[:：]?\s*\d+\s*次?$",
        r"^(点击|浏览|阅读)(量|数|次数)?\s*[:：]?\s*\d+\s*次?$",
        # an agent's contact and advertising block
        r"^.{0,20}微信号?$",
        r"^.{0,40}(微信|手机|电话|热线|QQ|联系人|咨询)[^。]{0,20}[:：/]\s*[\d\s-]{7,}",
        r"^.{0,40}\d{3,4}[\s-]?\d{3,4}[\s-]?\d{3,4}.{0,4}$",
        r"(扫一扫|长按.{0,6}(识别|二维码|扫)|二维码|关注公众号|请说明您的需求)",
        r"^.{0,6}(编辑|责编|责任编辑)\s*[:：]\s*\S{1,12}$",
        r"^[(（](编辑|责编|责任编辑)\s*[:：]\s*\S{1,12}[)）]$",
        # separators
        r"^[-=_*~·—]{5,}$",
    ),
    cut=_patterns(
        r"^版权声明",
        r"^(本文链接|原文链接|本文地址)\s*[:：]",
        r"^(标签|关键词|关键字|tags?)\s*[:：]",
        r"^(分享给朋友|分享到)",
        r"^(.{1,80}的)?(相关|相关的|延伸)(文章|新闻|阅读|推荐|报道|资讯)\s*[:：]?$",
        r"^(热门|热点|最新|推荐|精彩)(文章|新闻|推荐|资讯|阅读|图文)\s*[:：]?$",
        r"^推广信息\s*$",
        r"^(上一篇|下一篇|上一条|下一条)\s*[:：]",
        r"-{3,}\s*分隔线\s*-{3,}",
        r"^(前往|打开)东方财富APP",
        r"^东方财富发布此内容",
        r"^\[(责任编辑|编辑)\s*[:：].{0,20}\]$",
        r"^扫描二维码推送至手机访问",
        r"^(声明|免责声明)\s*[:：]",
    ),
)

# Each site type's own rules, declared in its registry module, come on top of GENERIC.
SITE_RULES: dict[str, ChromeRules] = {
    site.name: GENERIC + ChromeRules(_patterns(*site.chrome_drop), _patterns(*site.chrome_cut)) for site in site_types()
}
_FALLBACK = fallback_site_type().name

# An injected SEO footer: a run of short place names separated by ``|``.
_SEO_ITEM = re.compile(r"^[\u4e00-\u9fff]{1,6}[。.]?$")
_SEO_MIN_ITEMS = 6
# A line this long with a comma or full stop in it is article prose, not a teaser.
_PROSE_LINE = 40
# Less prose than this above a cut line means the line sits above the article.
_TOP_PROSE = 150
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "。”", "！”", "？”")
_SENTENCE_MARK = re.compile(r"[，。；,;]")
# A sentence that carries a money figure or a signing is news, whatever chrome words it
# also has (a paragraph that mentions a QR code beside 总投资50亿元): drop rules keep it.
_NEWS = re.compile(r"\d\s?(?:万|亿|元|美元)|[一二两三四五六七八九十百千](?:万|亿)+元|签约|签署|签订")


def rules_for(site_type: str | None) -> ChromeRules:
    """The rules for a site type; unknown or None gets the fallback type's (the generic rules)."""
    return SITE_RULES.get(site_type or _FALLBACK, GENERIC)


def is_seo_footer(line: str) -> bool:
    """True for a line made of many short names separated by ``|`` (county-name spam)."""
    if "|" not in line and "｜" not in line:
        return False
    items = [item.strip() for item in re.split(r"[|｜]", line) if item.strip()]
    if len(items) < _SEO_MIN_ITEMS:
        return False
    return sum(1 for item in items if _SEO_ITEM.match(item)) >= len(items) * 0.8


def strip_chrome(lines: list[str], rules: ChromeRules) -> tuple[list[str], int]:
    """Drop chrome lines and everything from the first cut line; return kept lines and drops.

    A cut line near the top, with hardly any prose above it and more below (a
    portal that puts its related-news box above the article), does not end the
    article: it goes with the short teaser lines right after it, and the article
    goes on.  Lower down a cut is final, whatever follows: teasers after an
    article can be long.
    """
    kept: list[str] = []
    removed = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        if rules.cuts(line):
            before = _prose_length(kept)
            if before >= _TOP_PROSE or _prose_length(lines[index + 1 :]) <= before:
                removed += len(lines) - index
                break
            index += 1
            removed += 1
            while index < len(lines) and _is_teaser(lines[index]):
                index += 1
                removed += 1
            continue
        if (rules.drops(line) and not _is_news(line)) or is_seo_footer(line):
            removed += 1
        else:
            kept.append(line)
        index += 1
    return kept, removed


def _is_news(line: str) -> bool:
    """A sentence (with its punctuation) that carries a figure or a signing: no drop rule may take it."""
    return _SENTENCE_MARK.search(line) is not None and _NEWS.search(line) is not None


def _is_teaser(line: str) -> bool:
    """A short line that does not end a sentence: a headline in a box, not article text."""
    return _prose_length([line]) == 0 and not line.endswith(_SENTENCE_ENDS)


def _prose_length(lines: list[str]) -> int:
    """Characters in lines that read as prose: long enough, with sentence punctuation."""
    return sum(len(line) for line in lines if len(line) >= _PROSE_LINE and _SENTENCE_MARK.search(line))
