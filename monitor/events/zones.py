"""The zone table: China's development zones and new areas, read from ``data/zones.tsv``.

Each row (built by ``zones_build``) names a zone — a national or provincial
经开区, 高新区, 综保区, 国家级新区, 自贸区 or 自贸区片区, an 工业园区 — with the
forms news writes its name in and the division it lies in (its county, or
its city where it spans several; a code of ``divisions.tsv``).  ``places``
reads it so that ``武汉东湖高新区`` is in 武汉市 and ``临港新片区`` in 上海市.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

KINDS = ("经开区", "高新区", "综保区", "国家级新区", "自贸区", "自贸片区", "其他")
RANKS = ("国家级", "省级")


class ZoneRecord(NamedTuple):
    """One row of the zone table (a named tuple: 2,700 of them are read at start-up).

    ``aliases`` name the zone on their own (``东湖高新区``, ``光谷``);
    ``local_aliases`` (``临空港经开区``) only where the article also names the
    zone's province or city, since many places have a zone so called.
    """

    kind: str
    rank: str
    name: str
    aliases: tuple[str, ...]
    local_aliases: tuple[str, ...]
    level: int
    code: str


def parse_zones(text: str) -> list[ZoneRecord]:
    """The rows of a zone table's text (comment lines start with ``#``)."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 9 or fields[0] not in KINDS or fields[1] not in RANKS or fields[5] not in ("1", "2", "3"):
            raise ValueError(f"zones.tsv line {number}: not a zone row (kind, rank, name, aliases, ... source)")
        kind, rank, name, aliases, local, level, code = fields[:7]
        records.append(
            ZoneRecord(
                kind,
                rank,
                name,
                tuple(a for a in aliases.split("|") if a),
                tuple(a for a in local.split("|") if a),
                int(level),
                code,
            )
        )
    return records


@lru_cache(maxsize=1)
def zone_records() -> tuple[ZoneRecord, ...]:
    """The zone table shipped with the package (read once)."""
    data = resources.files("monitor.events") / "data" / "zones.tsv"
    return tuple(parse_zones(data.read_text(encoding="utf-8")))
