"""A mention's candidate projects and the quick test of names: the same as the conditions they stand for.

``_candidates`` runs one of a few prebuilt queries with the mention's values
bound (a key holding ``%`` or ``_`` must match only as written), and
``_may_agree`` rules a pair of names out only when ``_name_agreement`` would.
The names are real project keys (紫光, 上药, 特斯拉, 沙洋's batch) and keys
with LIKE's wildcards in them.
"""

from __future__ import annotations

import itertools
import re

import pytest

from monitor.store import Database
from monitor.store.project_filing import Known, _candidates, _may_agree, _name_agreement
from monitor.store.project_models import Project

KEYS = [
    "紫光ic国际城",
    "紫光芯城",
    "四川天府新区紫光芯城",
    "紫光芯城配套人才公寓",
    "上药超级",
    "上海医药超级",
    "特斯拉超级工厂",
    "特斯拉上海超级工厂一期",
    "特斯拉储能超级工厂",
    "特斯拉超级工厂二期",
    "华中服装制造产业园",
    "汉上云谷数字经济产业园和算力中心",
    "新能源汽车",
    "华为",
    "100%_产业园",
    "100%产业园",
    "a_b光伏",
    "axb光伏",
]


def test_may_agree_is_never_false_where_names_agree() -> None:
    pairs = list(itertools.product(KEYS, KEYS))
    agreeing = [(a, b) for a, b in pairs if _name_agreement(a, b) > 0]
    assert len(agreeing) > len(KEYS)  # more than each key with itself
    assert [(a, b) for a, b in agreeing if not _may_agree(a, b)] == []
    assert not _may_agree("华中服装制造产业园", "新能源汽车")


def _like(value: str, pattern: str) -> bool:
    """``value LIKE '%' || pattern || '%'``: a stored key's own ``%`` and ``_`` are wildcards there (as before
    the queries were prebuilt; they only widen the candidates, ``same_project`` decides)."""
    regex = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern)
    return re.search(regex, value, re.DOTALL) is not None


def _reference(stored: Known, new: Known) -> bool:
    """The candidate conditions, written out in Python."""
    if stored.key == new.key:
        return True
    if (
        len(new.key) >= 2
        and (new.key in stored.key or _like(new.key, stored.key))
        and (new.province is None or stored.province in (new.province, None))
    ):
        return True
    if new.investor is not None and stored.investor == new.investor:
        return True
    if new.county is not None:
        return stored.county == new.county
    return new.city is not None and stored.city == new.city


STORED = [
    Known("100%_产业园", None, "江苏省", "南京市", "江宁区", None),
    Known("100%产业园", "宁德时代", "江苏省", "南京市", None, None),
    Known("a_b光伏", None, None, None, None, None),
    Known("axb光伏", None, "四川省", "成都市", None, None),
    Known("紫光芯城", "紫光集团", "四川省", "成都市", "天府新区", None),
    Known("华", None, "湖北省", "荆门市", "沙洋县", None),
]
MENTIONS = [
    Known("100%_产业园", None, None, None, None, None),
    Known("%_产业", None, "江苏省", None, None, None),
    Known("_b光", None, None, None, None, None),
    Known("b光伏", None, "四川省", None, None, None),
    Known("紫光芯城一期", None, "四川省", None, None, None),
    Known("新项目", "宁德时代", None, "南京市", None, None),
    Known("华中服装", None, "湖北省", "荆门市", "沙洋县", None),
    Known("别的", None, None, "成都市", None, None),
]


@pytest.mark.parametrize("new", MENTIONS, ids=[m.key for m in MENTIONS])
def test_candidates_are_the_projects_the_conditions_name(db: Database, new: Known) -> None:
    with db.session() as session:
        for known in STORED:
            session.add(
                Project(
                    key=known.key,
                    name=known.key,
                    investor_normalised=known.investor,
                    province=known.province,
                    city=known.city,
                    county=known.county,
                    stage="签约",
                )
            )
        session.flush()
        found = {known.key for _, known in _candidates(session, new)}
        session.rollback()
    assert found == {stored.key for stored in STORED if _reference(stored, new)}
