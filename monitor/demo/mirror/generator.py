"""A deterministic generator of investment-promotion articles shaped like the seeds.

Every generated article reports a signing event (集中签约, 云签约, 战略合作协议 …)
with its figures, a place and a date, and carries the distractors real pages
carry (tax, output, trade figures).  The same ``(seed, site, index)`` always
gives the same article, so a mirror started twice serves the same sites.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from monitor.events.places import divisions

PLACES = (
    "上海市宝山区",
    "上海市嘉定区",
    "上海市金山区",
    "上海市青浦区",
    "上海市松江区",
    "上海市奉贤区",
    "临港新片区",
    "苏州工业园区",
    "昆山市",
    "太仓市",
    "湖南省耒阳市",
    "浙江省嘉兴市",
    "南通市",
    "合肥市高新区",
    "成都市双流区",
    "武汉市东湖高新区",
)
INDUSTRIES = (
    "生物医药",
    "新材料",
    "机器人及智能制造",
    "集成电路",
    "新能源汽车",
    "高端装备",
    "人工智能",
    "工业互联网",
    "低碳新能源",
    "数字经济",
)
EVENTS = ("重大产业项目集中签约仪式", "重点产业项目云签约活动", "投资促进大会", "招商推介会暨项目签约仪式")
QUALIFIERS = ("超", "逾", "突破", "近", "约", "")
OFFICIALS = ("区委书记", "区长", "市委常委、副市长", "投资促进中心主任", "管委会主任")
SURNAMES = "陈高王李张刘周吴徐孙胡朱郭何罗"
GIVEN = ("杰", "奕奕", "香", "卫国", "钧", "建青", "明", "晓峰", "立新", "海涛")
# 来源 as government and news pages print them: whole account and paper names.
SOURCES = ("肥西发布", "宝山融媒", "嘉兴日报", "新华社", "投资促进中心", "临港新片区管委会", "苏州发布", "本站原创")
AUTHORS = ("李明", "王晓峰", "投促中心", "张立新", "陈杰")
PARTNERS = ("临港集团", "宝武集团", "复旦大学", "上海大学", "上海证券交易所", "北大科技园", "华鐘咨询集团")


@dataclass(frozen=True)
class MirrorArticle:
    """One article of a mirror site: its text, dates and the seed chrome it keeps.

    ``head`` and ``tail`` are chrome lines copied from a seed page (breadcrumbs,
    meta lines, related teasers); generated articles leave them empty and the
    site template draws its own chrome.  ``source`` and ``author`` are what a
    themed site prints as 来源 and 作者 (the whole name: ``肥西发布``).
    """

    article_id: int
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    modified: datetime
    head: tuple[str, ...] = field(default_factory=tuple)
    tail: tuple[str, ...] = field(default_factory=tuple)
    revision: int = 0
    # 来源 and author as the page prints them (the themed sites print both; None: not printed).
    source: str | None = None
    author: str | None = None

    def edited(self, paragraphs: tuple[str, ...], when: datetime) -> MirrorArticle:
        """This article with a new body, modified at ``when``."""
        return replace(self, paragraphs=paragraphs, modified=when, revision=self.revision + 1)


def _amount(rng: random.Random) -> str:
    whole = rng.choice((12, 18, 25, 36, 46, 50, 60, 80, 105, 120, 210, 276, 300, 340, 500))
    if rng.random() < 0.3:
        return f"{whole}.{rng.randint(1, 99):02d}"
    return str(whole)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


@lru_cache(maxsize=1)
def _counties() -> tuple[str, ...]:
    """Counties of the shipped gazetteer written in full (province, prefecture, county), none of ``PLACES``'s."""
    rows = divisions()
    names = {(row.level, row.code): row.name for row in rows}
    taken = {place[:2] for place in PLACES}  # the provinces and cities the drawn places are in
    counties = []
    for row in rows:
        if row.level != 3 or len(row.name) < 2 or row.name == "市辖区" or row.parent[:2] + "0000" == row.parent:
            continue  # a county of a municipality: its prefecture row is the province again
        province = names.get((1, row.code[:2] + "0000"))
        prefecture = names.get((2, row.parent))
        if province and prefecture and province[:2] not in taken and prefecture[:2] not in taken:
            counties.append(province + prefecture + row.name)
    return tuple(counties)


def distinct_place(number: int) -> str:
    """The place of the ``number``-th distinct signing: a county of its own (the gazetteer has ~2,800).

    Two reports at different counties conflict in the clustering (another
    place at a level both name), so each such signing is an event of its own
    whatever its wording and day share with another's.
    """
    counties = _counties()
    return counties[(number * 7919) % len(counties)]


def distinct_amount(number: int) -> str:
    """The total of the ``number``-th distinct signing: no two numbers (below 9,000) give equal or near amounts.

    Above every amount ``_amount`` draws (at most 500) and with a fraction,
    so it neither equals nor rounds to another article's total: the
    clustering never takes two such reports for one signing by their amount.
    """
    return f"{1000 + number}.{number % 89 + 10:02d}"


def generate_article(
    seed: int, site: str, index: int, published: datetime, *, place: str | None = None, amount: str | None = None
) -> MirrorArticle:
    """The ``index``-th generated article of ``site``, published at ``published``.

    ``place`` and ``amount`` (``distinct_place(n)``, ``distinct_amount(n)``)
    replace the drawn ones: a signing no other generated article reports, so
    it is an event of its own and alerts (a scale benchmark counts alerts
    per publication).
    """
    rng = random.Random(f"{seed}:{site}:{index}")
    drawn_place = rng.choice(PLACES)
    place = place or drawn_place
    event = rng.choice(EVENTS)
    projects = rng.randint(3, 120)
    drawn = _amount(rng)
    amount = amount or drawn
    qualifier = rng.choice(QUALIFIERS)
    industry_a, industry_b, industry_c = rng.sample(INDUSTRIES, 3)
    day = f"{published.month}月{published.day}日"
    official = f"{place}{rng.choice(OFFICIALS)}{_person(rng)}"
    partner = rng.choice(PARTNERS)
    major = max(1, projects // rng.randint(2, 5))
    major_amount = max(1, int(float(amount) * rng.uniform(0.4, 0.8)))
    tax = f"{rng.randint(10, 90)}.{rng.randint(1, 9)}"
    output = rng.randint(100, 900)
    title = f"{place}{projects}个项目集中签约 总投资{qualifier}{amount}亿元（第{index + 1}期）"
    paragraphs = (
        f"{day},{place}举行“{published.year}年{event}”,{projects}个{industry_a}、{industry_b}等产业项目"
        f"集中签约,总投资额{qualifier}{amount}亿元。其中重大产业项目{major}个,总投资{major_amount}亿元。",
        f"{official}表示,{place}坚持产业为先、项目为王,把招商引资作为经济社会发展的生命线,"
        f"推动重大产业项目成为高质量发展的增长点。",
        f"同日,{partner}与{place}政府签订战略合作协议,双方将在{industry_c}领域共建创新平台。",
        f"据了解,去年{place}完成税收{tax}亿元,实现规上工业产值{output}亿元,"
        f"签约项目中{industry_a}项目占比超{rng.randint(3, 8)}成。",
        f"下一步,{place}将持续优化营商环境,加快签约项目落地,力争年内开工{rng.randint(5, 40)}个。",
    )
    return MirrorArticle(
        article_id=index + 1,
        title=title,
        paragraphs=paragraphs,
        published=published,
        modified=published,
    )


def attributed(article: MirrorArticle, seed: int, site: str) -> MirrorArticle:
    """``article`` with the 来源 and author a themed site prints, chosen by ``(seed, site, id)``."""
    rng = random.Random(f"{seed}:{site}:{article.article_id}:byline")
    return replace(article, source=rng.choice(SOURCES), author=rng.choice(AUTHORS))


def publication_time(today: date, position: int) -> datetime:
    """When the article ``position`` places from the newest was published: two a day."""
    day = today - timedelta(days=position // 2)
    return datetime.combine(day, time(9 + 5 * (position % 2), 30))


def corrected_paragraphs(article: MirrorArticle) -> tuple[str, ...]:
    """The body after the kind of edit real sites make: a corrected figure and a note."""
    first, *rest = article.paragraphs or ("",)
    fixed = first.replace("亿元", "亿元(更正后数据)", 1) if "亿元" in first else first + "(已更正)"
    return (fixed, *rest, "(本文数据已于发布后更正。)")
