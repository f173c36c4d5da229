"""Places: China's administrative divisions found in text and resolved in context.

The gazetteer (``data/divisions.tsv``, built by ``gazetteer_build``) holds
every province, prefecture and county with its code, full name and short
name.  A full name (``上海市宝山区``, ``金山区``) is a strong mention; a short
name (``宝山``, ``金山``) is weak and only counts where the article's context
agrees: ``宝山`` in an article about Shanghai is 上海市宝山区, never the
宝山区 of Shuangyashan in Heilongjiang.  Short names of provinces and
prefectures (``上海``, ``苏州``) count on their own, and a short county name
before a development-zone word (``浏阳经开区``) is as strong as its full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from monitor.events.model import Place

# Short county names that are everyday words far more often than places.
_COMMON_WORDS = frozenset(
    {
        "城区",
        "矿区",
        "郊区",
        "新区",
        "公安",
        "历史",
        "东区",
        "西区",
        "南区",
        "北区",
        "市中",
        "城中",
        "城关",
        "高新",
        "开发",
        "江山",
        "和平",
        "新华",
        "长安",
        "永定",
        "普陀",
        "白云",
        "青山",
        "铁山",
        "大同",
        "长治",
        "安康",
        "太和",
        "东方",
        "红旗",
        "中山",
        "东山",
        "西湖",
        "新城",
        "平安",
        "向阳",
        "黄山",
        "宝安",
        "吉利",
        "安全",
        "永和",
        "新兴",
        "城东",
        "城西",
        "全南",
        "东港",
    }
)


# A short name followed by a development-zone word names the zone's county or
# city outright (浏阳经开区 is in 浏阳市): as strong as the full name.
_ZONE = re.compile(r"经开区|经济(?:技术)?开发区|高新区|高新技术产业开发区|开发区|(?:工业|产业)园区|(?:综合)?保税区")

# Districts whose name is shared with a far smaller namesake: a full-name
# mention with no other context means the major city's district (南沙区 is
# Guangzhou's, not the island district of Sansha).
_WELL_KNOWN = frozenset({"440115", "310113", "440305"})  # 广州南沙区, 上海宝山区, 深圳南山区


@dataclass(frozen=True)
class Division:
    """One row of the gazetteer."""

    level: int  # 1 province, 2 prefecture, 3 county
    code: str
    name: str
    short: str
    parent: str


@dataclass(frozen=True)
class Mention:
    """A division name found in text."""

    start: int
    end: int
    candidates: tuple[Division, ...]
    strong: bool


class Gazetteer:
    """China's divisions by code and by name, and a scanner for mentions."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.by_key: dict[tuple[int, str], Division] = {}
        self.full: dict[str, list[Division]] = {}
        self.short: dict[str, list[Division]] = {}
        for division in divisions:
            self.by_key[(division.level, division.code)] = division
            self.full.setdefault(division.name, []).append(division)
            if len(division.short) >= 2 and division.short != division.name:
                self.short.setdefault(division.short, []).append(division)
        for name in _COMMON_WORDS:
            self.short.pop(name, None)
        # the name lengths that start with each two characters, longest first: a
        # scan looks up one bigram per position and tries only those lengths
        # (every name has at least two characters)
        lengths: dict[str, set[int]] = {}
        for name in [*self.full, *self.short]:
            if len(name) >= 2:
                lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths = {pair: sorted(ls, reverse=True) for pair, ls in lengths.items()}

    def chain(self, division: Division) -> tuple[Division, ...]:
        """The division and its ancestors, widest first."""
        links = [division]
        current = division
        while current.parent and current.level > 1:
            parent = self.by_key.get((current.level - 1, current.parent))
            if parent is None:
                break
            links.append(parent)
            current = parent
        return tuple(reversed(links))

    def place(self, division: Division) -> Place:
        """The Place (province, city, county names) a division stands for."""
        names: dict[int, str] = {d.level: d.name for d in self.chain(division)}
        return Place(names.get(1), names.get(2), names.get(3))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Division names in ``text[start:end]``, longest match first at each position."""
        stop = len(text) if end is None else end
        found: list[Mention] = []
        starts = self._lengths
        full, short = self.full, self.short
        # one bigram lookup per position, in a comprehension (no per-character
        # loop body): only positions where some name starts are looked at again
        candidates = [i for i in range(start, stop - 1) if text[i : i + 2] in starts]
        reached = start
        for i in candidates:
            if i < reached:
                continue  # inside the previous (longest) match
            for length in starts[text[i : i + 2]]:
                if length > stop - i:
                    continue
                word = text[i : i + length]
                if word in full:
                    found.append(Mention(i, i + length, tuple(full[word]), True))
                    reached = i + length
                    break
                if word in short:
                    zone = _ZONE.match(text, i + length) is not None
                    found.append(Mention(i, i + length, tuple(short[word]), zone))
                    reached = i + length
                    break
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package (loaded once)."""
    data = resources.files("monitor.events") / "data" / "divisions.tsv"
    rows: list[Division] = []
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        level, code, name, short, parent = line.split("\t")
        rows.append(Division(int(level), code, name, short, parent))
    return Gazetteer(rows)


class PlaceResolver:
    """Resolves places for one article, knowing which provinces it is about."""

    def __init__(
        self, text: str, skip: Iterable[tuple[int, int]] = (), scan: Iterable[tuple[int, int]] | None = None
    ) -> None:
        """Find the places of ``text`` within the ``scan`` spans (default: all of it), less ``skip``."""
        self.gazetteer = gazetteer()
        self.text = text
        skipped = list(skip)
        spans = [(0, len(text))] if scan is None else sorted(scan)
        self.article_mentions = [
            m
            for start, end in spans
            for m in self.gazetteer.mentions(text, start, end)
            if not any(a <= m.start < b for a, b in skipped)
        ]
        # the article's context: provinces and prefectures named outright, or by
        # their short names (上海, 苏州), counted so the dominant one wins ties
        self.context: dict[str, float] = {}
        for mention in self.article_mentions:
            for division in mention.candidates:
                if mention.strong or division.level < 3:
                    for link in self.gazetteer.chain(division)[:2]:
                        key = link.code + str(link.level)
                        self.context[key] = self.context.get(key, 0.0) + (1.0 if mention.strong else 0.5)
        # every division any mention could stand for, for _named_parent
        self._named = {(d.level, d.code) for m in self.article_mentions for d in m.candidates}
        self._scores: dict[Division, float] = {}
        self._picks: dict[int, Division | None] = {}

    def _score(self, division: Division) -> float:
        score = self._scores.get(division)
        if score is None:
            chain = self.gazetteer.chain(division)[:2]
            score = self._scores[division] = sum(self.context.get(link.code + str(link.level), 0) for link in chain)
        return score

    def _pick(self, mention: Mention) -> Division | None:
        """The candidate of a mention the article's context supports best (worked out once)."""
        key = id(mention)  # mentions live as long as the resolver: ids are stable
        if key not in self._picks:
            self._picks[key] = self._pick_afresh(mention)
        return self._picks[key]

    def _pick_afresh(self, mention: Mention) -> Division | None:
        ranked = sorted(mention.candidates, key=self._score, reverse=True)
        best = ranked[0]
        # a weak county name needs its province or prefecture named in the article
        weak_county = not mention.strong and best.level == 3
        if weak_county and self._score(best) <= 0.5 and not self._named_parent(best):
            return None
        tied = len(ranked) > 1 and self._score(ranked[0]) == self._score(ranked[1])
        if tied and ranked[0].level == ranked[1].level and best.level == 3:
            top = self._score(best)
            known = [d for d in ranked if self._score(d) == top and d.code in _WELL_KNOWN]
            if mention.strong and len(known) == 1:
                return known[0]
            return None  # two equally likely counties: refuse to guess
        return best

    def _named_parent(self, division: Division) -> bool:
        return any((link.level, link.code) in self._named for link in self.gazetteer.chain(division)[:-1])

    def resolve(self, scopes: Iterable[tuple[int, int]]) -> Place:
        """The most specific place named in the first scope that names one.

        ``scopes`` are (start, end) spans from narrowest to widest (sentence,
        paragraph, title, article); a wider scope can only deepen a place found
        in a narrower one (上海市 in the sentence, 宝山区 in the paragraph).
        """
        chosen: Division | None = None
        for start, end in scopes:
            picks = [
                d for m in self.article_mentions if start <= m.start < end for d in [self._pick(m)] if d is not None
            ]
            if not picks:
                continue
            if chosen is None:
                chosen = max(picks, key=lambda d: (d.level, self._score(d)))
            else:
                deeper = [d for d in picks if d.level > chosen.level and chosen in self.gazetteer.chain(d)]
                if deeper:
                    chosen = max(deeper, key=lambda d: (d.level, self._score(d)))
            if chosen.level == 3:
                break
        return self.gazetteer.place(chosen) if chosen else Place()

    def article_place(self) -> Place:
        """The place the article is mostly about (its most-mentioned division)."""
        if not self.article_mentions:
            return Place()
        counts: Counter[Division] = Counter()
        for mention in self.article_mentions:
            division = self._pick(mention)
            if division is not None:
                for link in self.gazetteer.chain(division):
                    counts[link] += 1
        if not counts:
            return Place()
        top = max(counts.values())
        deepest = max((d for d, c in counts.items() if c * 2 >= top), key=lambda d: d.level)
        return self.gazetteer.place(deepest)
