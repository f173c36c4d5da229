"""Places: China's administrative divisions found in text and resolved in context.

The gazetteer (``data/divisions.tsv``, built by ``gazetteer_build``) holds
every province, prefecture and county with its code, full name and short
name.  A full name (``上海市宝山区``, ``金山区``) is a strong mention; a short
name (``宝山``, ``金山``) is weak and only counts where the article's context
agrees: ``宝山`` in an article about Shanghai is 上海市宝山区, never the
宝山区 of Shuangyashan in Heilongjiang.  Short names of provinces and
prefectures (``上海``, ``苏州``) count on their own, and a short county name
before a development-zone word (``浏阳经开区``) is as strong as its full name.

Development zones and new areas (``data/zones.tsv``, read by ``zones``) are
places too: ``武汉东湖高新区`` and ``光谷`` are in 武汉市, ``临港新片区`` in
上海市, ``阳逻开发区`` in 武汉市新洲区.  A zone name wins over the division
names inside it (the 东湖 of 东湖高新区 is no 东湖区 of 南昌), and a signing
in a zone is placed by the zone before a partner's city in the same sentence.
A name several zones share (``临港经开区``), a bare ``高新区``, and a short name
as likely one place as another (``朝阳``: 北京 or 辽宁) are placed only by the
article's context — the province or city it names elsewhere, the source's
home region — and left unplaced rather than guessed.

Where an event is is not every place its sentence names: a venue in another
province (a county's 招商推介会 在北京举行) gives way to the host, a list of
places in several provinces (主题省河南、重庆) names guests, several cities of one
province named once each give the province, and the lede's dateline
(中新社湛江…电) deepens a province the signing names.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from monitor.events.model import Place
from monitor.events.zones import ZoneRecord, zone_records

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
        "延长",  # 延长产业链
        "合作",  # 经济合作服务局, 战略合作框架协议: 合作市 counts by its full name only
        "中原",  # 中原经济区, 中原城市群: the central plains, not 郑州's 中原区 (named in full it counts)
    }
)


# Full names of districts that are everyday words for a part of anything (池河工业园区西区 is a park's
# west part, not 攀枝花's 西区): named, they count only as a short name does, with their city beside.
_GENERIC_FULL_NAMES = frozenset({"东区", "西区", "南区", "北区", "城区", "矿区", "郊区"})

# A short name followed by a development-zone word names the zone's county or
# city outright (浏阳经开区 is in 浏阳市, 平潭综合实验区 in 平潭县): as strong as the full name.
_ZONE = re.compile(
    r"经开区|经济(?:技术)?开发区|高新区|高新技术产业开发区|开发区|(?:工业|产业)园区|(?:综合)?保税区|综合(?:实验|试验)区"
)

# A county's short name with no province or city beside it is placed only where the
# article keeps to it or where a place must stand: named twice (太仓…落户太仓) or right
# after 在/落户/投资 (在钟祥建造, 在玉山投资建设, 选择投资太仓), and only when no other
# county shares it.  These short names are everyday words first (新建项目,
# 振兴乡村), so they still need their province or city named.
_PLACE_BEFORE = re.compile(r"(?:在|落户|落地|扎根|投资|来到|走进|赴|入驻)$")
_WORDS_FIRST = frozenset(
    {"新建", "通道", "振兴", "资中", "太湖", "江口", "太白", "中方", "江城", "东风", "和平", "河西", "龙子湖"}
)
# A county's short name that opens its own words: the county as a whole (云霄全县共签约…), its
# fair (江阴经洽会期间), its own ceremony (开州集中签约项目共39个).
_OWN_AFTER = re.compile(r"全[县区市旗]|经洽会|招商会|推介会|投洽会|集中签约")
# How a county's own news names it: 我县, 全县, 县委, 县领导 (or 区, 市, 旗).
_OWN_WORD = re.compile(r"(?:我|全|本)([县区市旗])|([县区市旗])(?:委|政府|领导)")
# A name that goes on into a lake, an island or a port (太白湖, 广阳岛, 瓯江口) is that
# feature's, which may lie anywhere.
_FEATURE_AFTER = re.compile(r"[湖岛港口]")
# Divisions the table lists at county level that are no counties (工业园区, 群岛): their
# short names (工业园) are words.
_NOT_A_COUNTY = re.compile(r"(?:园区|示范区|开发区|管理区|实验区|新区|海域)$")

# A county's former name, its suffix changed when it became a city or a district
# (禄丰县 is 禄丰市 since 2021, 龙海市 龙海区): as strong as its name today.  Only 县 and
# 市 are added, and 市 is no name before 场 (振兴市场 is a market, not 振兴区).
_FORMER_SUFFIXES = {"市": ("县",), "区": ("县", "市")}

# Full names that are the first characters of a longer word: 代县长 is an acting county head.
_NOT_A_NAME_BEFORE = {"代县": "长"}
# Short names that open the names of roads, schools and parks everywhere: 中山 is 中山市 in
# 中山召开…大会 and 落户中山, but 中山路, 中山大学, 中山公园, 中山装 and 孙中山 are a road, a
# university, a park, a suit and a man, and 中山镇 a town of many counties.  Such a short
# name is no place before these words, nor after the character that makes it a person's.
_SHORT_NAME_IN_WORD = {
    "中山": (
        "孙",
        re.compile(r"[东西南北中]?路|大[学道街]|公园|广场|[装陵舰门站堂镇乡村街]|先生|纪念|医|[中小]学|学院|图书馆"),
    ),
}

# A short name that ends a person's name in a row of officials (吴晓军罗东川与柯瑞文一行座谈:
# 罗东川, not 昆明's 东川区; 省领导高广滨、房俐、张安顺、隋忠诚: 张安顺, not the city of 安顺): a common
# surname just before it, one of these right after it.  Surnames that are also words
# (于, 向, 高, 金, 江, 石, 方, 白, 万, 龙 …) are left out: 位于东川与寻甸交界 is a place.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢"
    "姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱严覃戴莫孔汤"
)
_AFTER_A_PERSON = re.compile(
    r"[、与和]|一行|等[同人领]|会见|会谈|座谈|表示|指出|强调|介绍|出席|参加|见证|主持|致辞|讲话|同志"
)

# Districts whose name is shared with a far smaller namesake: a full-name
# mention with no other context means the major city's district (南沙区 is
# Guangzhou's, not the island district of Sansha).  Their short names are
# contested: 朝阳 alone may be 北京's district or 辽宁's city.
_WELL_KNOWN = frozenset(
    {"440115", "310113", "440305", "110105", "320411"}  # 广州南沙区, 上海宝山区, 深圳南山区, 北京朝阳区, 常州新北区
)

# A zone word on its own (在高新区举行) stands for every zone of its kind; the
# article's city says which.
_ZONE_WORDS = {"高新区": "高新区", "经开区": "经开区", "综保区": "综保区"}

# One-character names of provinces and cities (粤, 沪, 蓉).  Alone a character is a
# word far more often than a place, so it counts only where a place must stand:
# after 在/来/赴/落户 and before what is done there (在粤投资, 在沪落下帷幕, 在蓉设立, 在川发展,
# 来皖投资).  宁 (南京 or 宁夏), 青 (青海 or 青岛), 新 and 云 are left out: even
# there they are as often something else.
_ONE_CHARACTER = {
    "京": "北京市",
    "津": "天津市",
    "沪": "上海市",
    "渝": "重庆市",
    "冀": "河北省",
    "晋": "山西省",
    "辽": "辽宁省",
    "吉": "吉林省",
    "黑": "黑龙江省",
    "苏": "江苏省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "桂": "广西壮族自治区",
    "琼": "海南省",
    "川": "四川省",
    "蜀": "四川省",
    "黔": "贵州省",
    "滇": "云南省",
    "藏": "西藏自治区",
    "陕": "陕西省",
    "甘": "甘肃省",
    "陇": "甘肃省",
    "港": "香港特别行政区",
    "澳": "澳门特别行政区",
    "蓉": "成都市",
    "穗": "广州市",
    "甬": "宁波市",
    "榕": "福州市",
    "邕": "南宁市",
    "汉": "武汉市",
    "杭": "杭州市",
    "厦": "厦门市",
    "莞": "东莞市",
    "锡": "无锡市",
}
_ONE_CHARACTER_PLACE = re.compile(
    "(?:在|来|赴|落户|扎根|留)([" + "".join(_ONE_CHARACTER) + "])"
    r"(?=投资|兴业|发展|举行|举办|召开|开幕|闭幕|落幕|落下帷幕|落地|落户|设立|设厂|建厂|布局|签约|整体签约)"
)

# The prefecture-level rows that only group counties a province runs itself
# (仙桃市, 石河子市): a place there names the county as its city.
_GROUPING = frozenset({"省直辖行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Division:
    """One row of the gazetteer."""

    level: int  # 1 province, 2 prefecture, 3 county
    code: str
    name: str
    short: str
    parent: str


@dataclass(frozen=True)
class Zone:
    """A development zone or new area and the division it lies in."""

    kind: str
    rank: str
    name: str
    division: Division


@dataclass(frozen=True)
class Mention:
    """A division or zone name found in text.

    A zone name's candidates are the divisions its zones lie in; ``zones`` are
    those zones.  ``strong`` means the name places itself; otherwise the
    article's context must choose (or confirm) a candidate.
    """

    start: int
    end: int
    candidates: tuple[Division, ...]
    strong: bool
    zones: tuple[Zone, ...] = ()


class Gazetteer:
    """China's divisions by code and by name, its zones by name, and a scanner for mentions."""

    def __init__(self, divisions: Iterable[Division], zones: Iterable[ZoneRecord] = ()) -> None:
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
        # former names (禄丰县, 龙海市) of counties renamed as cities or districts, where no
        # division bears the name today
        former: dict[str, list[Division]] = {}
        for division in self.by_key.values():
            suffixes = _FORMER_SUFFIXES.get(division.name[-1:], ())
            if division.level != 3 or len(division.short) < 2 or division.short in _COMMON_WORDS:
                continue
            for suffix in suffixes:
                if suffix == "市" and division.short.endswith("城"):
                    continue  # 江城市 is 江 and 城市 far more often than 江城区
                if division.short + suffix != division.name:
                    former.setdefault(division.short + suffix, []).append(division)
        self.former = frozenset(name for name in former if name not in self.full)
        for name in self.former:
            self.full[name] = former[name]
        # an autonomous county or prefecture written short (道真自治县 for 道真仡佬族苗族自治县,
        # 湘西自治州) is named as surely as in full
        # (or with the plain suffix, as their own news writes them: 岫岩县, 海西州, 黔南州)
        for division in list(self.by_key.values()):
            for form, plain in (("自治县", "县"), ("自治州", "州")):
                if not division.name.endswith(form):
                    continue
                for short_form in (division.short + form, division.short + plain):
                    if short_form != division.name and short_form not in self.full and short_form not in self.short:
                        self.full[short_form] = [division]
        # 香港 and 澳门 name a region's one prefecture-level row and are the region's short
        # name too: written bare, often in a company's name (香港升能), they count as short names
        for name, named in list(self.full.items()):
            if name in self.short and all(d.level == 2 for d in named):
                self.short[name] = [*self.short[name], *named]
                del self.full[name]
        self._chains: dict[tuple[int, str, str], tuple[Division, ...]] = {}
        self.zones = self._zone_names(zones)
        for word in _ZONE_WORDS:
            self.short.pop(word, None)  # the zone word's entry covers the zones listed as counties
        # the name lengths that start with each two characters, longest first: a
        # scan looks up one bigram per position and tries only those lengths
        # (every name has at least two characters)
        lengths: dict[str, set[int]] = {}
        for name in [*self.full, *self.short, *self.zones]:
            if len(name) >= 2:
                lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths = {pair: sorted(ls, reverse=True) for pair, ls in lengths.items()}

    def _zone_names(self, records: Iterable[ZoneRecord]) -> dict[str, list[tuple[int, bool]]]:
        """Each zone name: the rows it names and whether it names each on its own (not a local alias).

        Only the names are indexed here; a name's zones are made the first time
        a text uses it (``zone_mention``), so loading stays cheap.
        """
        self._zone_rows = tuple(records)
        names: dict[str, list[tuple[int, bool]]] = {}
        words = {kind: word for word, kind in _ZONE_WORDS.items()}
        for index, record in enumerate(self._zone_rows):
            if (record.level, record.code) not in self.by_key:
                raise ValueError(f"zones.tsv: {record.name} lies in unknown division {record.code}")
            for alias in (record.name, *record.aliases):
                names.setdefault(alias, []).append((index, True))
            for alias in record.local_aliases:
                names.setdefault(alias, []).append((index, False))
            if record.kind in words:
                names.setdefault(words[record.kind], []).append((index, False))
        self._zone_mentions: dict[str, Mention] = {}
        return names

    def zone_mention(self, alias: str) -> Mention:
        """A zone name as a mention template: its zones, their divisions, whether it places itself."""
        template = self._zone_mentions.get(alias)
        if template is None:
            rows = self.zones[alias]
            zones = tuple(dict.fromkeys(self._zone(index) for index, _ in rows))
            places = tuple(dict.fromkeys(z.division for z in zones))
            # a name places itself when it names every zone on its own and all lie in one division
            strong = all(named for _, named in rows) and len(places) == 1
            template = self._zone_mentions[alias] = Mention(0, 0, places, strong, zones)
        return template

    def _zone(self, index: int) -> Zone:
        record = self._zone_rows[index]
        return Zone(record.kind, record.rank, record.name, self.by_key[(record.level, record.code)])

    def chain(self, division: Division) -> tuple[Division, ...]:
        """The division and its ancestors, widest first (worked out once per division)."""
        key = (division.level, division.code, division.name)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self._chain(division)
        return chain

    def _chain(self, division: Division) -> tuple[Division, ...]:
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
        """The Place (province, city, county names) a division stands for.

        A county its province runs itself (仙桃市) is its own city; a municipality (上海市) is
        its own city, however it was named; 香港 and 澳门 have no city.
        """
        names: dict[int, str] = {d.level: d.name for d in self.chain(division)}
        if division.level == 1 and (row := self.by_key.get((2, division.code))) and row.name == division.name:
            return Place(division.name, division.name)  # 上海 named as the municipality is 上海市's city too
        if names.get(2) in _GROUPING:
            return Place(names.get(1), names.get(3), None)
        if (names.get(1) or "").endswith("特别行政区"):
            return Place(names.get(1), None, names.get(3))  # 香港 has districts, no cities
        return Place(names.get(1), names.get(2), names.get(3))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Division and zone names in ``text[start:end]``, longest match first at each position.

        At one length a division's full name comes before a zone name, and a
        zone name before a division's short name.  A one-character name (粤,
        蓉) is a mention only where a place must stand (在粤投资).
        """
        stop = len(text) if end is None else end
        found: list[Mention] = []
        starts = self._lengths
        full, short, zones = self.full, self.short, self.zones
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
                if word in _NOT_A_NAME_BEFORE and text.startswith(_NOT_A_NAME_BEFORE[word], i + length):
                    continue  # 代县长: an acting county head
                if word in self.former and text.startswith("场", i + length):
                    continue  # 振兴市场: a market
                if word[-1] == "区" and text.startswith("域", i + length):
                    continue  # 东中西区域合作示范区: 区域 (a region) ends it, not 香港's 中西区
                if word in full:
                    found.append(Mention(i, i + length, tuple(full[word]), word not in _GENERIC_FULL_NAMES))
                    reached = i + length
                    break
                if word in zones:
                    named = self.zone_mention(word)
                    found.append(Mention(i, i + length, named.candidates, named.strong, named.zones))
                    reached = i + length
                    break
                if word in short:
                    if word in _SHORT_NAME_IN_WORD:
                        before, after = _SHORT_NAME_IN_WORD[word]
                        if text.startswith(before, i - len(before)) or after.match(text, i + length):
                            continue  # 中山路, 孙中山: inside a word or a name
                    if (
                        text[i - 1 : i] in _SURNAMES
                        and not (found and found[-1].end == i)  # 江苏徐州: 苏 ends a place, no surname
                        and _AFTER_A_PERSON.match(text, i + length)
                    ):
                        continue  # 罗东川与柯瑞文: a person's name
                    if found and found[-1].end == i and _other_city(found[-1], short[word]):
                        continue  # 南京滨江经济开发区: 南京's 滨江, not 杭州's 滨江区 (the city named owns it)
                    zone = _ZONE.match(text, i + length) is not None
                    found.append(Mention(i, i + length, tuple(short[word]), zone))
                    reached = i + length
                    break
        one_character = [
            Mention(m.start(1), m.end(1), tuple(self.full[_ONE_CHARACTER[m.group(1)]]), False)
            for m in _ONE_CHARACTER_PLACE.finditer(text, start, stop)
        ]
        return sorted([*found, *one_character], key=lambda m: m.start) if one_character else found


def _other_city(before: Mention, namesakes: Iterable[Division]) -> bool:
    """Whether ``before`` names only cities and no division of this short name lies in one of them.

    A county's short name written right after a city (南京滨江) is that city's
    own area when the county of that name is another city's (滨江区 is 杭州's).
    """
    cities = {d.code for d in before.candidates}
    if any(d.level == 2 and d.code in cities for d in namesakes):
        return False  # 遵义市遵义县: the city's own name again opens a county's (not 义县 of 锦州)
    return (
        bool(cities) and all(d.level == 2 for d in before.candidates) and not any(d.parent in cities for d in namesakes)
    )


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """The divisions table shipped with the package (read once)."""
    data = resources.files("monitor.events") / "data" / "divisions.tsv"
    rows: list[Division] = []
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        level, code, name, short, parent = line.split("\t")
        rows.append(Division(int(level), code, name, short, parent))
    return tuple(rows)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package: divisions and zones (loaded once)."""
    return Gazetteer(divisions(), zone_records())


# Places named as where investors come from (来自济南、北京等地) are not where a signing is.
_ORIGIN = re.compile(r"来自于?|源自")
# A delegation (天津交易团, 江苏省代表团) is a guest at a fair held elsewhere.
_GUEST = re.compile(r"(?:交易团|代表团|经贸团|考察团|客商团)")
_CLAUSE_END = re.compile(r"[,，。;；!！?？\n]")
# A place in a news outlet's name (【香港商报讯】, 据江淮晨报消息) is where the outlet is at
# home: context for the article, not the place of its events.
# (香港中通社…电 and 上海证券报 are outlets too: a news agency, a paper named for its field;
# so is a city's news portal opening a report, 昆明信息港讯.)
_OUTLET = re.compile(
    r"(?:日报|晚报|晨报|商报|时报|都市报|新闻网|电视台|广播电视台|融媒体中心|新闻客户端|中通社|通讯社|证券报|信息港(?=讯))"
)
# A province or city in brackets in a company's name (中基商贸(浙江)有限公司) is where the
# company is registered: as for a name that opens with a place, below, another place wins.
_COMPANY_SEAT = re.compile(r"[)）](?:有限公司|有限责任公司|股份有限公司|公司|集团|实业)")
# A place that opens a company's name (浙江吉利控股集团, 宁德时代新能源科技股份有限公司) is the
# company's home: a scope that names another place is at that place (省政府与宁德时代…在成都签署),
# while alone it is kept (滁州隆基乐叶光伏科技有限公司 builds in 滁州).  The name: a short run with
# no word that would end it (与, 在, 举行, 签), then the company form.
_COMPANY_NAME_AFTER = re.compile(
    r"[^\s,，。、;；:：()（）“”\"与和及在的举签于向将为是]{1,10}?(?:控股集团|集团|股份有限公司|有限责任公司|有限公司)"
)
# A bank or a branch named for its city (长沙银行, 中国航空技术进出口深圳公司) is at home
# there: it lends or signs elsewhere (双峰县…获得长沙银行授信, …深圳公司…在德令哈市…签订).
_BRANCH_AFTER = re.compile(r"(?:农村商业银行|农商银行|银行|分公司|公司)")
# Firms named by where they come from (引进北京企业79家, 浙江客商, 深圳资本) are at home there,
# as a company whose name opens with a place: a scope that names another place is at that place.
_FIRMS_FROM = re.compile(r"(?:企业|客商|商人|资本|央企|民企|国企|外企)(?!家)")
# Where a meeting is held (在北京市昌平区举行, 在北京出席…签约仪式): a venue.  A fair or a
# promotion is often held away from home (a county's 招商推介会 in 北京, a province's
# signing in 钓鱼台), so a venue gives way to the hosts its scope names in other provinces:
# provinces and places named in full (广东省与中央企业…在北京…举行), not a short name that
# may be a company's (深圳某公司在南宁举行签约仪式 is in 南宁); an official who attends
# (在北京出席) is away from the event the rest of the sentence names (惠州…签约仪式).
# A dateline (新华社北京11月5日电, 本报广州1月15日讯) says where the reporter files from:
# a place its scope names otherwise (于广州闭幕, 惠州三期乙烯项目) is where the news is.
# (The day may be written in words: 中新社福州十一月十四日電.)
_DATELINE = re.compile(r"\s*[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日(?:电|讯|電|訊)")
# A city's officials: 市委书记, 市长 (not 副市长 alone: a province's deputy governor is 副省长).
_CITY_OFFICIAL = re.compile(r"(?<![省区县])市(?:委书记|长)")
# A place that opens a fair's name (上海农交会, 厦门投洽会) is where the fair is held: a venue,
# which gives way to the hosts a scope names in another province (围绕上海农交会的筹办,安徽省各地…
# 共签约绿色食品项目156个 are 安徽's).
_FAIR_NAMED_AFTER = re.compile(r"(?:农交会|投洽会|博览会|交易会|洽谈会|展销会|招商会|推介会)")
# A province's capital is its first prefecture: code XX01 (成都市 510100, 南宁市 450100).
_CAPITAL_CODE = "0100"
# A city's news told as its own: 我市, 本市.
_OWN_CITY = re.compile(r"我市|本市")
# A province's news told as its own: 全省各地同步舉行, 我省有关部门 (not 全区, also a district's).
_WHOLE_PROVINCE = re.compile(r"全省|我省")
# A place told as a part of a whole (共集中开工项目100个…其中,海口集中开工项目8个) is one of
# its places: it does not narrow the whole's place.
_PART_BEFORE = re.compile(r"其中[,，]?$")
_VENUE = re.compile(r"(?<=[在于])[^,，。;；!！?？\n]{2,24}?(?=(举行|举办|召开|出席|开幕|闭幕|落幕|落下帷幕))")


class PlaceResolver:
    """Resolves places for one article, knowing which provinces it is about."""

    def __init__(
        self,
        text: str,
        skip: Iterable[tuple[int, int]] = (),
        scan: Iterable[tuple[int, int]] | None = None,
        home: str | None = None,
    ) -> None:
        """Find the places of ``text`` within the ``scan`` spans (default: all of it), less ``skip``.

        ``home`` is where the source is at home (its name, ``湖北日报``, or a
        place): its divisions count as context, as a short name in the text would.
        """
        self.gazetteer = gazetteer()
        self.text = text
        self._skipped = list(skip)
        self._spans = [(0, len(text))] if scan is None else sorted(scan)
        scanned = sorted(self._scan(self._spans), key=lambda m: m.start)
        self.article_mentions = [m for m in scanned if not _OUTLET.match(text, m.end)]
        self._starts = [m.start for m in self.article_mentions]  # for a scope's mentions by bisection
        self._home = [m for m in scanned if _OUTLET.match(text, m.end)]
        self._home += [m for m in self.gazetteer.mentions(home) if not m.strong] if home else []
        # the article's context: provinces and prefectures named outright, or by
        # their short names (上海, 苏州), counted so the dominant one wins ties
        self.context = self._context([*self.article_mentions, *self._home])
        # every division any mention could stand for, for _named_parent
        self._named = self._names([*self.article_mentions, *self._home])
        self._scores: dict[Division, float] = {}
        self._picks: dict[int, Division | None] = {}
        self._rest: list[Mention] | None = None  # the mentions outside the scanned spans, scanned when needed
        self._wider: dict[str, float] | None = None  # the context of the whole article, worked out when needed
        self._venues: list[tuple[int, int, bool]] | None = None  # where meetings are held, found when needed
        self._venue_starts: list[int] = []
        self._scoped: dict[tuple[int, int], list[tuple[Division, Mention]]] = {}
        self._homes_only: set[tuple[int, int]] = set()  # scopes whose only places are companies' homes
        self._full_links: set[Division] | None = None  # provinces and cities named in full, found when needed

    def _scan(self, spans: Iterable[tuple[int, int]]) -> list[Mention]:
        origins = [
            (m.end(), end.start() if (end := _CLAUSE_END.search(self.text, m.end())) else len(self.text))
            for m in _ORIGIN.finditer(self.text)
        ]
        return [
            m
            for start, end in spans
            for m in self.gazetteer.mentions(self.text, start, end)
            if not any(a <= m.start < b for a, b in self._skipped)
            and not any(a <= m.start < b for a, b in origins)
            and not _GUEST.match(self.text, m.end)
        ]

    def _context(self, mentions: Iterable[Mention]) -> dict[str, float]:
        context: dict[str, float] = {}
        for mention in mentions:
            if self._needs_context(mention):
                continue  # a name that needs context gives none
            # each province and prefecture a mention may stand for, once (上海市 is a
            # province and a prefecture: it must not weigh twice what 湖州市 weighs)
            links = {
                link
                for division in mention.candidates
                if mention.strong or division.level < 3
                for link in self.gazetteer.chain(division)[:2]
            }
            for link in links:
                key = link.code + str(link.level)
                context[key] = context.get(key, 0.0) + (1.0 if mention.strong else 0.5)
        return context

    def _names(self, mentions: Iterable[Mention]) -> set[tuple[int, str]]:
        return {(d.level, d.code) for m in mentions if not self._needs_context(m) for d in m.candidates}

    def _rest_of_article(self) -> list[Mention]:
        """The mentions in the text outside the scanned spans (a province named further down)."""
        if self._rest is None:
            gaps, last = [], 0
            for start, end in sorted([*self._spans, *self._skipped]):
                if start > last:
                    gaps.append((last, start))
                last = max(last, end)
            if last < len(self.text):
                gaps.append((last, len(self.text)))
            self._rest = [m for m in self._scan(gaps) if not _OUTLET.match(self.text, m.end)]
        return self._rest

    @staticmethod
    def _needs_context(mention: Mention) -> bool:
        """A zone name that does not place itself, or a short name a well-known district contests (朝阳)."""
        if mention.strong:
            return False
        if mention.zones:
            return True
        return len(mention.candidates) > 1 and any(d.code in _WELL_KNOWN for d in mention.candidates)

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
            self._picks[key] = self._region_level(self._pick_afresh(mention))
        return self._picks[key]

    def _region_level(self, division: Division | None) -> Division | None:
        """香港 and 澳门 as the province-level regions they are, not as a city.

        Their one prefecture-level row (香港 under 香港特别行政区) is no city: as
        one it would outrank any province named beside it (湖南对香港投资…占全省,
        湖南省情推介…在香港 are 湖南's news) and weigh twice a province's name.  As
        a region it is weighed against the province like any other province.
        """
        if division is None or division.level != 2:
            return division
        region = self.gazetteer.chain(division)[0]
        return region if self._is_region(region) and region.code == division.code else division

    def _pick_afresh(self, mention: Mention) -> Division | None:
        if mention.zones and mention.strong:
            return mention.candidates[0]
        if self._needs_context(mention):
            return self._by_context(mention.candidates, self._score) or self._by_context(
                mention.candidates, self._wider_score
            )
        ranked = sorted(mention.candidates, key=self._score, reverse=True)
        best = ranked[0]
        # a weak county name needs its province or prefecture named in the article
        weak_county = not mention.strong and best.level == 3
        if weak_county and self._score(best) <= 0.5 and not self._named_parent(best):
            return best if len(mention.candidates) == 1 and self._kept_to(mention) else None
        tied = len(ranked) > 1 and self._score(ranked[0]) == self._score(ranked[1])
        if tied and ranked[0].level == ranked[1].level and best.level == 3:
            top = self._score(best)
            known = [d for d in ranked if self._score(d) == top and d.code in _WELL_KNOWN]
            if mention.strong and len(known) == 1:
                return known[0]
            return self._by_own_word([d for d in ranked if self._score(d) == top])
        return best

    def _by_own_word(self, tied: list[Division]) -> Division | None:
        """Of equally likely counties, the one whose kind the article calls itself (我县, 县委: 华容县, not 华容区).

        None when the article's own words name no kind, or name several as often: refuse to guess.
        """
        counts = Counter(m.group(1) or m.group(2) for m in _OWN_WORD.finditer(self.text))
        kinds = {d.name[-1] for d in tied}
        ranked = sorted(((counts[k], k) for k in kinds), reverse=True)
        if len(kinds) != len(tied) or not ranked[0][0] or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return next(d for d in tied if d.name[-1] == ranked[0][1])

    def _kept_to(self, mention: Mention) -> bool:
        """Whether a county's short name alone is a place: named twice, where a place must stand, opening its words.

        太仓 twice in an article about German firms there, 在钟祥建造 once: no other
        county bears the name (the caller checks) and no province is named to doubt it.
        """
        text = self.text
        name = text[mention.start : mention.end]
        county = mention.candidates[0]
        if name in _WORDS_FIRST or _NOT_A_COUNTY.search(county.name) or self._doubted_by_full_names(county):
            return False
        if _FEATURE_AFTER.match(text, mention.end):
            return False
        if _PLACE_BEFORE.search(text, max(0, mention.start - 2), mention.start):
            return True
        if _OWN_AFTER.match(text, mention.end):
            return True
        at, seen = text.find(name), 0
        while at >= 0 and seen < 2:
            seen += not _FEATURE_AFTER.match(text, at + len(name))
            at = text.find(name, at + len(name))
        return seen >= 2

    def _doubted_by_full_names(self, county: Division) -> bool:
        """Whether the article names another province or city in full (安徽省黄山市 beside 蓝田)."""
        if self._full_links is None:
            self._full_links = {
                link
                for m in [*self.article_mentions, *self._home]
                if m.strong and not m.zones
                for d in m.candidates
                for link in self.gazetteer.chain(d)[:2]
            }
        own = set(self.gazetteer.chain(county)[:2])
        return any(link not in own for link in self._full_links)

    def _wider_score(self, division: Division) -> float:
        """The support a division has from the whole article, scanned spans or not."""
        if self._wider is None:
            self._wider = self._context([*self.article_mentions, *self._home, *self._rest_of_article()])
        wider = self._wider
        return sum(wider.get(link.code + str(link.level), 0) for link in self.gazetteer.chain(division)[:2])

    def _by_context(self, candidates: tuple[Division, ...], score: Callable[[Division], float]) -> Division | None:
        """The candidate the article's context alone supports, or what all its best-supported share.

        No support, or best-supported candidates in different cities: no place.
        """
        scored = [(score(d), d) for d in candidates]  # once each: a bare 高新区 has 300 candidates
        top = max(value for value, _ in scored)
        if top <= 0:
            return None
        best = [d for value, d in scored if value == top]
        if len(best) == 1:
            return best[0]
        shared = self._shared(best)
        return shared if shared is not None and shared.level >= 2 else None

    def _shared(self, divisions: list[Division]) -> Division | None:
        """The deepest division all of ``divisions`` lie in (or are)."""
        chains = [self.gazetteer.chain(d) for d in divisions]
        shared = [d for d in chains[0] if all(d in chain for chain in chains[1:])]
        return shared[-1] if shared else None

    def _named_parent(self, division: Division) -> bool:
        return any((link.level, link.code) in self._named for link in self.gazetteer.chain(division)[:-1])

    def resolve(self, scopes: Iterable[tuple[int, int]], deepen: Iterable[tuple[int, int]] = ()) -> Place:
        """The most specific place named in the first scope that names one.

        ``scopes`` are (start, end) spans from narrowest to widest (sentence,
        paragraph, title, article); a wider scope can only deepen a place found
        in a narrower one (上海市 in the sentence, 宝山区 in the paragraph).  A
        zone in the scope goes first; several cities of one province and no
        zone (南昌县…寻乌县…新干县) give the province they share.  ``deepen``
        scopes come last and only deepen a place found before them (the lede's
        dateline, 中新社湛江…电, under a signing with 广东省政府).
        """
        chosen: Division | None = None
        ordered = [*((s, False) for s in scopes), *((s, True) for s in deepen)]
        for (start, end), only_deepen in ordered[self._past_company_homes(ordered) :]:
            if only_deepen and chosen is None:
                break
            picks = self._scope_picks(start, end)
            if not picks:
                continue
            if chosen is None:
                chosen = self._first_choice(picks)
                province = self._province_news(picks, start, end)
                if province is not None:
                    chosen = province
                    break  # the province's own news: no wider scope makes it one of its cities
                if chosen.level == 1 and all(d != chosen for d, _ in picks):
                    break  # several cities of one province: no wider scope makes it one of them
            else:
                deeper = [
                    d
                    for d, m in picks
                    if d.level > chosen.level
                    and chosen in self.gazetteer.chain(d)
                    and not _PART_BEFORE.search(self.text, max(0, m.start - 3), m.start)
                ]
                if deeper and not self._one_city(deeper):
                    break  # 与广州市政府、深圳市政府…签订: the province's, not one city's
                if deeper:
                    chosen = max(deeper, key=lambda d: (d.level, self._score(d)))
            if chosen.level == 3:
                break
        return self.gazetteer.place(chosen) if chosen else Place()

    def _province_news(self, picks: list[tuple[Division, Mention]], start: int, end: int) -> Division | None:
        """The province, where a scope is its news and names its capital only as where it is told.

        海南省18日舉行…集中開工和簽約儀式 filed from 海口, 西藏自治区在拉萨举行…集中签约,
        贵州省与48家央企簽約 at a meeting 在貴陽召開, 集中開工…在全省各地同步舉行: the subject is the
        province (named in full or by its short name, or 全省/我省), and the capital is the venue or
        the dateline (中新社福州十一月十四日電, its day in words too), which
        every province's news has.  A capital named any other way (落户长沙, 长沙市与…签约) is
        the city's.
        """
        provinces = {self.gazetteer.chain(d)[0] for d, _ in picks}
        if len(provinces) != 1:
            return None
        province = provinces.pop()
        cities = [(d, m) for d, m in picks if d.level > 1]
        if not cities:
            return None
        text = self.text
        # the province itself, in full or by its short name (海南自由贸易港…集中开工活动举行), but
        # not in brackets, where it labels a fair or a company (2017中国(海南)国际热带农产品冬季交易会),
        # nor a short name inside a longer one (大众安徽MEB工厂, a company's plant)
        named = any(
            d == province
            and (text[m.start : m.end] == province.name or not (self._bracketed(m) or self._inside_a_word(m)))
            for d, m in picks
        )
        if not named and not _WHOLE_PROVINCE.search(text, start, end):
            return None
        for division, mention in cities:
            if division.level != 2 or not division.code.endswith(_CAPITAL_CODE) or mention.zones:
                return None
            if division.name == province.name:
                return None  # 北京, 上海: the city is the province
            # a meeting's venue stays (四川省与中央企业…座谈会…在成都举行, a fair 在長沙開幕: the city's)
            signed_at = text[mention.start - 1 : mention.start] in ("在", "于") and self._venue(mention) is None
            if not signed_at and not _DATELINE.match(text, mention.end):
                return None
        return province

    def _bracketed(self, mention: Mention) -> bool:
        """Whether a mention stands alone in brackets: (海南), （浙江）."""
        text = self.text
        return (
            mention.start > 0
            and text[mention.start - 1] in "(（"
            and text[mention.end : mention.end + 1] in (")", "）")
        )

    def _inside_a_word(self, mention: Mention) -> bool:
        """Whether a mention goes on from a Chinese character before it (大众安徽 of 大众安徽MEB工厂)."""
        return mention.start > 0 and "\u4e00" <= self.text[mention.start - 1] <= "\u9fff"

    def _past_company_homes(self, ordered: Sequence[tuple[tuple[int, int], bool]]) -> int:
        """Where ``resolve`` begins: past scopes naming only a company's home, when a wider one names another place.

        副省长郑备与浙江吉利控股集团…签署协议 names only the company's home; its paragraph's
        在川发展 is where the signing is.  With no other place in a wider scope the home stays
        (滁州隆基乐叶 builds in 滁州), and so does the deepening a wider scope gives it.
        """
        named = [
            (i, span) for i, (span, only_deepen) in enumerate(ordered) if not only_deepen and self._scope_picks(*span)
        ]
        if not named or named[0][1] not in self._homes_only:
            return 0
        return next((i for i, span in named if span not in self._homes_only), 0)

    def _scope_picks(self, start: int, end: int) -> list[tuple[Division, Mention]]:
        """The places a scope names, sifted (worked out once per scope: events share paragraphs and the title)."""
        picks = self._scoped.get((start, end))
        if picks is None:
            inside = self.article_mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
            found = [(d, m) for m in inside for d in [self._pick(m)] if d is not None]
            own = [(d, m) for d, m in found if not self._company_home(m)]
            picks = self._scoped[(start, end)] = self._hosts(own or found)
            if found and not own:
                self._homes_only.add((start, end))
        return picks

    def _company_home(self, mention: Mention) -> bool:
        """Whether a mention is a company's home: its name opens with it, or holds it in brackets."""
        text = self.text
        if (
            _COMPANY_NAME_AFTER.match(text, mention.end)
            or _BRANCH_AFTER.match(text, mention.end)
            or _FIRMS_FROM.match(text, mention.end)
        ):
            return True
        return mention.start > 0 and text[mention.start - 1] in "(（" and bool(_COMPANY_SEAT.match(text, mention.end))

    def _one_city(self, divisions: list[Division]) -> bool:
        """Whether ``divisions`` lie in one city, or the article's context favours one of their cities."""
        cities = sorted({self.gazetteer.chain(d)[:2][-1] for d in divisions}, key=self._score, reverse=True)
        return len(cities) == 1 or self._score(cities[0]) > self._score(cities[1])

    def _hosts(self, picks: list[tuple[Division, Mention]]) -> list[tuple[Division, Mention]]:
        """A scope's places less those that say where it is not: a venue, a list across provinces.

        A dateline gives way to any other place the scope names but its own
        province (新华社海口…电 with 海南 beside it stays 海口).  A venue in
        another province than every other place the scope names (a county's
        招商推介会 held in 北京) gives way to them; a venue in their province
        (江苏's signing 在西安举行, 陕西省 named beside it) stays.  A list of places
        in several provinces (主题省河南、重庆; 涉及美国、德国、香港、台湾) names
        guests or origins, not where the event is.
        """
        if len(picks) < 2:
            return self._capital_venue(picks)
        listed = self._listed(picks)
        kept = [(d, m) for d, m in picks if id(m) not in listed] if listed else picks
        filed = {id(m) for _, m in kept if _DATELINE.match(self.text, m.end)}
        if filed:
            filed_in = {link for d, m in kept if id(m) in filed for link in self.gazetteer.chain(d)}
            if any(id(m) not in filed and d not in filed_in for d, m in kept):
                kept = [(d, m) for d, m in kept if id(m) not in filed]
        venues = {id(m): venue for _, m in kept if not m.zones and (venue := self._venue(m)) is not None}
        if venues:
            attended = any(venues.values())
            home = {
                self.gazetteer.chain(d)[0]
                for d, m in kept
                if id(m) not in venues and (attended or m.strong or d.level == 1)
            }
            if home and not any(self.gazetteer.chain(d)[0] in home for d, m in kept if id(m) in venues):
                kept = [(d, m) for d, m in kept if id(m) not in venues]
        return kept

    def _capital_venue(self, picks: list[tuple[Division, Mention]]) -> list[tuple[Division, Mention]]:
        """A provincial capital named only as where a ceremony is held gives its province alone.

        Provinces hold their cities' signings in the capital (通威…项目签约仪式在成都举行 is
        广元's project, whose 市委书记 attends), so the capital as the only place a scope
        names says the province for sure and the city not at all.  A capital named
        otherwise (成都市与…签约, 落户成都) stays.
        """
        if len(picks) != 1:
            return picks
        division, mention = picks[0]
        if division.level != 2 or not division.code.endswith(_CAPITAL_CODE) or mention.zones:
            return picks
        if self._venue(mention) is None or not self._unnamed_city_officials():
            return picks
        province = self.gazetteer.chain(division)[0]
        if province.name == division.name:
            return picks  # 北京, 上海: the city is the province
        return [(province, mention)]

    def _unnamed_city_officials(self) -> bool:
        """Whether the article's officials are a city's it never names (市委书记何树平, not 成都市委书记)."""
        for found in _CITY_OFFICIAL.finditer(self.text):
            before = self.text[max(0, found.start() - 4) : found.start()]
            if not self.gazetteer.mentions(before + "市"):
                return True
        return False

    def _venue(self, mention: Mention) -> bool | None:
        """None where the mention is no venue; else whether someone attends there (在北京出席)."""
        if self._venues is None:
            # in text order and never overlapping (each match ends before the next begins)
            self._venues = [(m.start(), m.end(), m.group(1) == "出席") for m in _VENUE.finditer(self.text)]
            self._venue_starts = [a for a, _, _ in self._venues]
        at = bisect_right(self._venue_starts, mention.start) - 1
        if at >= 0 and mention.end <= self._venues[at][1]:
            return self._venues[at][2]
        if _FAIR_NAMED_AFTER.match(self.text, mention.end):
            return False  # 上海农交会: the fair is held there, whoever signs at it
        return None

    def _listed(self, picks: list[tuple[Division, Mention]]) -> set[int]:
        """The mentions of lists (A、B) whose places lie in more than one province."""
        listed: set[int] = set()
        run = [picks[0]]
        for pick in [*picks[1:], None]:
            if pick is not None and self.text[run[-1][1].end : pick[1].start] == "、":
                run.append(pick)
                continue
            if len({self.gazetteer.chain(d)[0] for d, _ in run}) > 1:
                listed.update(id(m) for _, m in run)
            if pick is not None:
                run = [pick]
        return listed

    def _first_choice(self, picks: list[tuple[Division, Mention]]) -> Division:
        zones = [d for d, m in picks if m.zones]
        if zones:
            # a zone is where a signing happens; a city beside it is more often a partner's
            return max(zones, key=lambda d: (d.level, self._score(d)))
        # the cities named for sure: full names, and short names of cities (not 延长 of 延长产业链)
        picks = self._sure(picks)
        cities = {self.gazetteer.chain(d)[:2][-1] for d, m in picks if d.level == 2 or (d.level == 3 and m.strong)}
        if len(cities) > 1:
            shared = self._shared(list(cities))
            if shared is not None:
                ranked = sorted(cities, key=self._score, reverse=True)
                if self._score(ranked[0]) <= self._score(ranked[1]):
                    return shared
                # one of them the article keeps coming back to (石家庄市…与唐山市、保定市并列)
                picks = [p for p in picks if ranked[0] in self.gazetteer.chain(p[0])]
        # beside 香港 or 澳门, a municipality (北京?香港經濟合作研討洽談會) is a province-level
        # place as they are: the article's context decides between them, not the level
        regions = any(self._is_region(d) for d, _ in picks)

        def level(division: Division) -> int:
            return 1 if regions and self.gazetteer.chain(division)[0].code == division.code else division.level

        # at equal weight, a full name (新乡市) over a short one in a company's name (香港升能),
        # and where the meeting is held (在南宁举行) over a name that may be a company's (深圳一家…公司)
        return max(picks, key=lambda p: (level(p[0]), self._score(p[0]), p[1].strong, self._venue(p[1]) is not None))[0]

    def _sure(self, picks: list[tuple[Division, Mention]]) -> list[tuple[Division, Mention]]:
        """``picks`` less a county's short name lying in another city than every city named for sure.

        太平湾合作创新区…大连市: 太平 of 太平湾 is a word, not 阜新's 太平区, with 大连 named beside it.
        A county whose own city the article names anywhere stays (新会、台山与深圳市…签订 in an
        article on 江门市's fair; 沁源 with 长治市 named, its signing held 在北京).
        """
        if all(m.strong or d.level < 3 for d, m in picks):
            return picks  # no county named short: most scopes
        cities = {self.gazetteer.chain(d)[:2][-1] for d, m in picks if d.level == 2 or (d.level == 3 and m.strong)}
        if not cities:
            return picks

        def sure(division: Division, mention: Mention) -> bool:
            if mention.strong or division.level < 3:
                return True
            city = self.gazetteer.chain(division)[:2][-1]
            return city in cities or (city.level, city.code) in self._named

        return [p for p in picks if sure(*p)] or picks

    def _is_region(self, division: Division) -> bool:
        """Whether a division is 香港 or 澳门 as a region: province-level, its one prefecture row under its code.

        (A municipality's row bears its own name, 上海市; a province has none under its code.)
        """
        row = self.gazetteer.by_key.get((2, division.code)) if division.level == 1 else None
        return row is not None and row.name != division.name

    def article_place(self) -> Place:
        """The place the article is mostly about (its most-mentioned division), searched all through."""
        place = self._most_named(self.article_mentions)
        if not place.names and self._rest_of_article():
            place = self._most_named([*self.article_mentions, *self._rest_of_article()])
        return place if place.names else self._outlet_city()

    def _outlet_city(self) -> Place:
        """The city of the outlet at home there, for an article that names no place but calls it 我市.

        德州新闻网讯…截至目前,我市新引进…项目23个: the city's own news site reports its city.
        Only one city, and only a city (a province's paper says 我省).
        """
        if not _OWN_CITY.search(self.text):
            return Place()
        cities = {
            self.gazetteer.chain(division)[:2][-1]
            for mention in self._home
            if (division := self._pick(mention)) is not None and division.level >= 2
        }
        return self.gazetteer.place(cities.pop()) if len(cities) == 1 else Place()

    def _most_named(self, mentions: list[Mention]) -> Place:
        counts: Counter[Division] = Counter()
        picks = [(division, mention) for mention in mentions if (division := self._pick(mention)) is not None]
        for division, _ in self._sure(picks):
            for link in self.gazetteer.chain(division):
                counts[link] += 1
        if not counts:
            return Place()
        top = max(counts.values())
        deepest = max((d for d, c in counts.items() if c * 2 >= top), key=lambda d: d.level)
        return self.gazetteer.place(deepest)


def lead_place(text: str, paragraph_spans: Sequence[tuple[int, int]], home: str | None = None) -> Place:
    """Where an article is, read from its title and lede: the place of a page that reports no event.

    A page with no signing, announcement or mention (a bank's 授信 report, a
    province's half-year figures, a board resolution) is still about a place,
    and an analyst reading it wants that place: the title and the lede say it
    (their dateline too, ``本报合肥…电``), and the source's home region
    (``home``) settles a short name the way it does for an event.  The rest of
    the article is read only when the lead names no place.  Scanning two
    paragraphs keeps this to a fraction of a millisecond an article.
    """
    lead = list(paragraph_spans[:2])
    if not lead:
        return Place()
    resolver = PlaceResolver(text, scan=lead, home=home)
    place = resolver.resolve(lead)
    return place if place.names else resolver.article_place()
