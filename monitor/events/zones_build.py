"""Rebuild ``data/zones.tsv``: China's development zones and new areas, where each lies.

Run at build time, never at run time::

    python -m monitor.events.zones_build "GB_T 37028-2018.json" > monitor/events/data/zones.tsv

The input is GB/T 37028-2018 《全国主要经济功能区分类与代码》 (every zone of the
2018 中国开发区审核公告目录 with its class and province, and the city of most
national ones) as a JSON file, the form github.com/WankkoRee/cn-adcode-efzcode
keeps it in (``src/raw/GB_T_37028/data/GB_T 37028-2018.json``).  To it we add
``data/zones_curated.tsv``: the national new areas, the free-trade zones and
their 片区, the zones approved since 2018, the everyday names of the best-known
zones (光谷, 临港新片区) and places the name alone cannot give.

Where a zone lies comes from its city in the standard (when given) and from
the division names inside its own name (``广东茂名电白经济开发区`` is in 电白区
of 茂名市), never from a division outside its province.  Its aliases are the
forms news writes: the class words shortened (经开区, 高新区, 综保区), the
province and city prefixes dropped (``武汉临空港经开区`` → ``临空港经开区``).  An
alias that would start with another place's name (福清's ``江阴经济开发区`` reads
as 江苏江阴) is dropped.  ``check`` lists what a reader should look at.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from monitor.events.places import Division, Gazetteer, divisions

# GB/T 37028 class codes → our kind and rank; the classes left out name regions
# (苏南 自主创新示范区, 内陆开放型经济试验区), not places.
_CLASSES = {
    "101": ("经开区", "国家级"),
    "102": ("国家级新区", "国家级"),
    "103": ("高新区", "国家级"),
    "104": ("综保区", "国家级"),
    "105": ("其他", "国家级"),
    "106": ("其他", "国家级"),
    "108": ("其他", "国家级"),
    "110": ("自贸区", "国家级"),
    "199": ("其他", "国家级"),
    "201": ("经开区", "省级"),
    "202": ("高新区", "省级"),
    "299": ("其他", "省级"),
}

# The class words at the end of a zone's name and the shorter forms news uses.
_SHORTER = (
    ("经济技术开发区", ("经开区", "经济开发区", "开发区")),
    ("经济开发区", ("经开区", "开发区")),
    ("高新技术产业开发区", ("高新区", "高新技术开发区")),
    ("高新技术产业园区", ("高新区", "高新园区")),
    ("高技术产业开发区", ("高新区",)),
    ("综合保税区", ("综保区",)),
    ("工业园区", ("工业园",)),
    ("产业园区", ("产业园",)),
)

# Other class words a name may end in: what comes before them is the zone's own name.
_ENDINGS = (
    "保税港区",
    "保税物流园区",
    "保税区",
    "出口加工区",
    "边境经济合作区",
    "台商投资区",
    "产业集聚区",
    "工业集中区",
    "科技园区",
    "园区",
    "新区",
    "片区",
    "试验区",
    "示范区",
    "合作区",
    "开发区",
)

# Words that are no zone's own name: an alias needs two characters of its own besides these.
_GENERIC = re.compile(r"中国|国家级?|省级|市级|高新|经济|技术|工业|产业|综合|开发|[省市县区()（）]")

# What a zone's name may say besides a place: its industry, its role.  A name
# made of these alone (新能源汽车产业园, 现代农业示范区, 招商局经开区) is no one
# zone's, so it is no alias where no place name comes with it.
_TRADE_WORDS = re.compile(
    r"新能源|新材料|能源|材料|汽车|装备|制造|智能|高端|生态|现代|农业|化工|精细|石化|生物|医药|电子|信息|软件|"
    r"中药|光伏|科技|创新|创业|物流|商贸|商务|贸易|文化|旅游|循环|特色|示范|中心|金融|招商局?|第[一二三四五六七八九十]+|"
    r"新型|环保|纺织|食品|机械|冶金|钢铁|建材|陶瓷|轻工|光电|港口|保税|出口|加工|现代服务|服务|集聚|集中"
)

SOURCE_NOTE = (
    "GB/T 37028-2018 全国主要经济功能区分类与代码 (the 2018 中国开发区审核公告目录, "
    "国家发展改革委等六部门公告2018年第4号), JSON from github.com/WankkoRee/cn-adcode-efzcode "
    "commit 564fb5981de05fab49f35c172b3564a37f323cf1"
)


@dataclass
class ZoneRow:
    """A zone as the table stores it."""

    kind: str
    rank: str
    name: str
    division: Division
    source: str
    aliases: list[str] = field(default_factory=list)  # names a reader places on their own
    local_aliases: list[str] = field(default_factory=list)  # names that need the zone's region named nearby
    curated_aliases: list[str] = field(default_factory=list)


def _within(table: Gazetteer, division: Division, anchor: Division) -> bool:
    return anchor in table.chain(division)


def _strip_province(name: str, province: Division) -> str:
    for prefix in ("新疆生产建设兵团", "中国", province.name, province.short):
        if prefix and name.startswith(prefix) and len(_own_words(name[len(prefix) :])) >= 2:
            name = name[len(prefix) :]
    return name


def _own_words(name: str) -> str:
    """What is left of a zone's name without its class word and generic words."""
    for ending in (*(s for s, _ in _SHORTER), *(e for _, ends in _SHORTER for e in ends), *_ENDINGS):
        if name.endswith(ending):
            name = name[: -len(ending)]
            break
    return _GENERIC.sub("", name)


def _pseudo(division: Division) -> bool:
    """A zone the statistics code table lists as a county (codes ending 71 to 79)."""
    return division.level == 3 and division.code[4] == "7"


def locate(table: Gazetteer, name: str, anchor: Division) -> Division:
    """The deepest division the zone's name places it in, within ``anchor`` (its province or city)."""
    found: list[Division] = []
    for mention in table.mentions(name):
        whole = mention.start == 0 and mention.end == len(name)
        inside = [d for d in mention.candidates if _within(table, d, anchor) and (whole or not _pseudo(d))]
        if not inside:
            continue
        # a short name shared by a city and its county (湘潭市, 湘潭县) says the city for sure
        shallowest = min(inside, key=lambda d: d.level)
        if all(_within(table, d, shallowest) for d in inside):
            found.append(shallowest)
    if not found:
        return anchor
    deepest = max(found, key=lambda d: d.level)
    # two counties in one name (绥芬河－东宁): only what they share is sure
    for other in found:
        if not _within(table, deepest, other):
            common = [d for d in table.chain(deepest) if d in table.chain(other)]
            return common[-1] if common else anchor
    return deepest


def _anchor(table: Gazetteer, province_code: str, parent: str | None) -> Division:
    province = table.by_key[(1, province_code + "0000")]
    if parent and len(parent) == 4:
        city = table.by_key.get((2, parent + "00"))
        if city is not None:
            return city
    if parent and len(parent) == 6:
        county = table.by_key.get((3, parent))
        if county is not None:
            return county
    municipal = table.by_key.get((2, province_code + "0000"))
    return municipal or province


def standard_rows(table: Gazetteer, standard: dict[str, Any]) -> Iterator[ZoneRow]:
    """The zones of GB/T 37028 with the division each lies in."""
    for province_code, province in standard.items():
        for class_code, klass in province["children"].items():
            if class_code not in _CLASSES:
                continue
            kind, rank = _CLASSES[class_code]
            for zone in klass["children"].values():
                anchor = _anchor(table, province_code, zone.get("parent"))
                province_division = table.by_key[(1, province_code + "0000")]
                local = _strip_province(zone["name"], province_division)
                division = locate(table, local, anchor)
                yield ZoneRow(kind, rank, zone["name"], division, "GB/T 37028-2018")


def _place_division(table: Gazetteer, place: str) -> Division:
    """The division a curated ``省/市/县`` names (``-`` for a level it spans)."""
    names = place.split("/")
    if len(names) != 3:
        raise SystemExit(f"bad place {place!r}: want 省/市/县")
    chosen: Division | None = None
    for level, name in enumerate(names, start=1):
        if name == "-":
            break
        matches = [
            d for d in table.full.get(name, []) if d.level == level and (chosen is None or table.chain(d)[-2] == chosen)
        ]
        if len(matches) != 1:
            raise SystemExit(f"place {place!r}: {name} is not one division")
        chosen = matches[0]
    if chosen is None:
        raise SystemExit(f"place {place!r} names no province")
    return chosen


def curated_rows(table: Gazetteer, lines: Iterable[str]) -> Iterator[ZoneRow]:
    """The hand-typed rows of ``zones_curated.tsv``."""
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        kind, rank, name, aliases, place, source = line.rstrip("\n").split("\t")
        row = ZoneRow(kind, rank, name, _place_division(table, place), source)
        row.curated_aliases = [a for a in aliases.split("|") if a and a != "-"]
        yield row


def _strip_own_places(table: Gazetteer, stem: str, division: Division) -> list[str]:
    """``stem`` less each leading division name of the zone's own chain (武汉临空港 → 临空港)."""
    chain = table.chain(division)
    forms = []
    while True:
        mentions = table.mentions(stem)
        if not mentions or mentions[0].start != 0:
            break
        if not any(d in chain for d in mentions[0].candidates):
            break
        stem = stem[mentions[0].end :].lstrip("市县区")
        stem = stem.removeprefix("生产建设兵团")  # 新疆生产建设兵团石河子 → 石河子
        if len(stem) < 2:
            break
        forms.append(stem)
    return forms


def _foreign_start(table: Gazetteer, alias: str, division: Division) -> bool:
    """Whether the alias's own name is the name of a place the zone is not in.

    福清's ``江阴经济开发区`` reads as 江苏's 江阴: dropped.  ``松山湖高新区`` keeps:
    松山湖 is a lake's name that only starts like 赤峰's 松山区.
    """
    mentions = table.mentions(alias)
    if not mentions or mentions[0].start != 0:
        return False
    chain = table.chain(division)
    if any(d in chain for d in mentions[0].candidates):
        return False
    own = _own_words(alias)
    return len(own) <= mentions[0].end


def derived_aliases(table: Gazetteer, row: ZoneRow) -> list[str]:
    """The forms news writes a zone's name in (its own name first)."""
    province = table.chain(row.division)[0]
    names = {row.name, _strip_province(row.name, province)}
    found: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        for suffix, shorter in _SHORTER:
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
                stems = [stem, *_strip_own_places(table, stem, row.division)]
                found += [s + end for s in stems for end in (suffix, *shorter)]
                break
        else:
            found.append(name)
    kept = []
    for alias in dict.fromkeys(found):
        if len(alias) < 4 or len(_own_words(alias)) < 2:
            continue
        if alias != row.name and _foreign_start(table, alias, row.division):
            continue
        kept.append(alias)
    return kept


def _listed_division(table: Gazetteer, row: ZoneRow) -> Division:
    """The county the code table lists the zone as (天府新区, 苏州工业园区), else the zone's division.

    Extraction gives such a name its county-level entry; the zone keeps to it, so
    a subscriber to ``苏州工业园区`` hears of the zone however the text names it.
    """
    if row.division.level == 3:
        return row.division
    for name in (row.name, *row.curated_aliases):
        for division in table.full.get(name, []):
            if division.level == 3 and _within(table, division, row.division):
                return division
    return row.division


def _trade_only(alias: str) -> bool:
    """Whether the alias's own words say only an industry or a role (新材料产业园)."""
    return len(_TRADE_WORDS.sub("", _own_words(alias))) < 2


def _names_own_place(table: Gazetteer, alias: str, division: Division) -> bool:
    """Whether the alias names the zone's province, city or county (池州高新区, not 临空港经开区).

    Short names count even where the scanner leaves them out as everyday words (长治).
    """
    return any(
        d.name in alias or (len(d.short) >= 2 and d.short in alias) for d in table.chain(division) if not _pseudo(d)
    )


def _usable(table: Gazetteer, row: ZoneRow, aliases: list[str]) -> list[str]:
    """The aliases in both parenthesis forms, less the zone's name and its division's own name."""
    return [
        form
        for alias in dict.fromkeys(aliases)
        for form in _paren_forms(alias)
        if form != row.name and not any(d == row.division for d in table.full.get(form, []))
    ]


def _paren_forms(alias: str) -> list[str]:
    """An alias with full-width parentheses also in half-width ones, and the reverse."""
    half = alias.replace("（", "(").replace("）", ")")
    full = alias.replace("(", "（").replace(")", "）")
    return list(dict.fromkeys([alias, half, full]))


def build(table: Gazetteer, standard: dict[str, Any], curated: Iterable[str]) -> list[ZoneRow]:
    """Every zone once, curated places and aliases over the standard's, aliases filled in."""
    rows: dict[str, ZoneRow] = {}
    for row in standard_rows(table, standard):
        rows.setdefault(row.name, row)
    for row in curated_rows(table, curated):
        known = rows.get(row.name)
        if known is not None:
            # a provincial zone since upgraded (遵义高新区, 2022) takes its new rank
            known.kind, known.rank, known.division = row.kind, row.rank, row.division
            known.curated_aliases = row.curated_aliases
            known.source = row.source if row.source.startswith("GB/T") else f"{known.source}; {row.source}"
        else:
            rows[row.name] = row
    for row in rows.values():
        row.division = _listed_division(table, row)
        named: list[str] = []
        local: list[str] = []
        for alias in derived_aliases(table, row):
            if _names_own_place(table, alias, row.division):
                named.append(alias)
            elif not _trade_only(alias):
                local.append(alias)
        named += row.curated_aliases  # typed by hand: each names the zone on its own
        row.aliases = _usable(table, row, named)
        row.local_aliases = [a for a in _usable(table, row, local) if a not in row.aliases]
    return list(rows.values())


def place_text(table: Gazetteer, division: Division) -> str:
    """``省/市/县`` names of a division, ``-`` below it."""
    names = [d.name for d in table.chain(division)]
    if division.level == 1:
        names.append("-")
    return "/".join([*names, "-"][:3])


def write(table: Gazetteer, rows: list[ZoneRow], out: TextIO) -> None:
    """The TSV, with its header naming its sources."""
    counts = Counter((r.rank, r.kind) for r in rows)
    out.write(
        "# China's development zones and new areas, where each lies.  Built by zones_build.py from\n"
        f"# {SOURCE_NOTE},\n"
        "# and zones_curated.tsv (new areas, free-trade zones and their 片区, zones approved since\n"
        "# 2018, everyday names; its own sources are named there).  Codes are divisions.tsv's.\n"
        "# " + ", ".join(f"{rank} {kind} {n}" for (rank, kind), n in sorted(counts.items())) + "\n"
        "# aliases name the zone on their own; local aliases (临空港经开区) only where its region is named too\n"
        "# kind\trank\tname\taliases\tlocal_aliases\tlevel\tcode\tplace\tsource\n"
    )
    for row in sorted(rows, key=lambda r: (r.division.code, r.rank != "国家级", r.kind, r.name)):
        fields = (
            row.kind,
            row.rank,
            row.name,
            "|".join(row.aliases),
            "|".join(row.local_aliases),
            str(row.division.level),
            row.division.code,
            place_text(table, row.division),
            row.source,
        )
        out.write("\t".join(fields) + "\n")


def main(argv: list[str] | None = None) -> None:
    """Print the zones TSV on stdout from the GB/T 37028 JSON named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit('usage: python -m monitor.events.zones_build "GB_T 37028-2018.json"')
    standard = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    curated = (resources.files("monitor.events") / "data" / "zones_curated.tsv").read_text(encoding="utf-8")
    table = Gazetteer(divisions())  # divisions alone: the zones are what this builds
    write(table, build(table, standard, curated.splitlines()), sys.stdout)


if __name__ == "__main__":
    main()
