"""The industry taxonomy: fifteen fixed labels and the words that put a text under each.

The first nine labels are the nine strategic emerging industries of the
national classification 战略性新兴产业分类(2018) (国家统计局令第23号); the
other six are the major traditional sectors investment-promotion news
reports.  The labels never change (stored rows and subscriptions name them);
the words may grow.

``classify(text)`` finds every taxonomy word in the text (longest first, so
``新能源汽车`` is one word, not ``新能源``) and picks the label with the most
*sector* words; the words that decided it are kept as evidence.  Some words
name only the carrier of an investment, not its industry (``产业园``,
``标准厂房``, ``厂房``, ``制造``): these *carrier* words count only when no
sector word is found, so ``生物医药产业园`` is 生物 and ``标准厂房项目`` is
房地产与产业园区.  Ties go to the label whose last word comes last (a name
ends in its head word).  A text with
no taxonomy word has no label (None): the text does not say.

docs/projects.md lists the labels with their words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Industry:
    """One label of the taxonomy: its sector words and its carrier words."""

    label: str
    sector: tuple[str, ...]
    carrier: tuple[str, ...] = ()


TAXONOMY: Final[tuple[Industry, ...]] = (
    # -- the nine strategic emerging industries (战略性新兴产业分类 2018) --
    Industry(
        "新一代信息技术",
        (
            "新一代信息技术",
            "电子信息",
            "集成电路",
            "芯片",
            "半导体",
            "晶圆",
            "存储器",
            "软件",
            "数据中心",
            "云计算",
            "大数据",
            "算力",
            "人工智能",
            "物联网",
            "工业互联网",
            "5G",
            "新型显示",
            "显示面板",
            "显示器件",
            "液晶显示",
            "触控显示",
            "AMOLED",
            "OLED",
            # a display's printed OLED and glass substrate, not printing or glass-making
            "印刷OLED",
            "印刷显示",
            "玻璃基板",
            "智能终端",
            "通信设备",
            "光通信",
            "信息技术",
            "信创",
            "IC",
            "电子元器件",
            "传感器",
            # a chip's packaging and testing (先进封装, 先进封测基地, 封装测试)
            "封测",
            "封装测试",
            "先进封装",
        ),
    ),
    Industry(
        "高端装备制造",
        (
            "高端装备",
            "智能装备",
            "智能制造装备",
            "装备制造",
            "机器人",
            "数控机床",
            "航空航天",
            "航空",
            "航天",
            "卫星",
            "无人机",
            "通用航空",
            "轨道交通装备",
            # rolling stock is equipment, the line it runs on (地铁, 轨道交通) infrastructure
            "地铁列车",
            "轨道车辆",
            "海洋工程装备",
            "激光设备",
            "精密制造",
            "工业母机",
            # a wind turbine's making (its nacelle, blades, generator) is equipment making; a wind
            # farm (风电项目, 风电场) stays 新能源: 三一重能…叶片制造基地, 海上风电装备制造项目
            "风电装备",
            "风电设备",
            "风电制造",
            "风电智能制造",
            "风电主机",
            "风电整机",
            "风电叶片",
            "风电机组",
            "风机叶片",
            "风机",
            "叶片",
            "风力发电机",
        ),
    ),
    Industry(
        "新材料",
        (
            "新材料",
            "先进材料",
            "碳材料",
            # a ceramic is a material whatever it is for (锂电池陶瓷材料), not a pottery
            "陶瓷材料",
            "弹性体",
            "碳纤维",
            "石墨烯",
            "稀土",
            "高分子材料",
            "复合材料",
            "特种材料",
            "硅材料",
            "纳米材料",
            "高性能材料",
            "电子材料",
            "膜材料",
            # high-performance polymers (a chemicals plant making them is a materials plant)
            "超高分子量聚乙烯",
            "聚酰亚胺",
            "高性能树脂",
            "高性能纤维",
            "特种钢",
            "高温合金",
        ),
    ),
    Industry(
        "生物",
        (
            "生物医药",
            "生物制药",
            "生物制品",
            "生物科技",
            "生物技术",
            "生物产业",
            "合成生物",
            "医药",
            "制药",
            "创新药",
            "原料药",
            "中药",
            "药业",
            "疫苗",
            "医疗器械",
            "基因",
            "细胞",
            "生命科学",
            "生物育种",
            "诊断试剂",
        ),
    ),
    Industry(
        "新能源汽车",
        (
            "新能源汽车",
            "整车",
            "新能源动力",
            "动力电池",
            "动力锂电池",
            "电动汽车",
            "纯电动",
            "智能网联汽车",
            "新能源客车",
            "新能源商用车",
            "充电桩",
            "换电",
            "燃料电池汽车",
            "汽车动力电池",
            "三电",
            # a power cell is a vehicle battery (动力方形电芯电池), whatever its shape
            "动力电芯",
            "动力方形电芯",
            "动力软包电芯",
            "动力圆柱电芯",
            # new-energy parts are a vehicle's (比亚迪汽车工业园: 新能源配套核心零部件生产基地)
            "新能源零部件",
            "新能源配套零部件",
            "新能源核心零部件",
            "新能源配套核心零部件",
        ),
    ),
    Industry(
        "新能源",
        (
            "新能源",
            "光伏",
            "储能",
            # a base that makes both storage and power batteries is an energy plant
            "储能及动力电池",
            "晶硅电池",
            # monocrystalline cells and modules (单晶电池, 单晶组件) are photovoltaics
            "单晶电池",
            "单晶组件",
            "动力及储能电池",
            "储能和动力电池",
            "储能与动力电池",
            "动力与储能电池",
            "动力和储能电池",
            "锂电池",
            "锂电",
            "锂离子电池",
            "电芯",
            "风电",
            "风力发电",
            "太阳能",
            "氢能",
            "核电",
            "电池片",
            "硅片",
            "单晶硅",
            "多晶硅",
            "晶硅",
            # a battery's or a solar cell's materials are the new-energy chain they are made for
            # (德方纳米…磷酸锰铁锂正极材料项目, 星源材质…新能源材料产业基地, 双良光伏新材料项目)
            "新能源材料",
            "正极材料",
            "负极材料",
            "磷酸铁锂",
            "磷酸锰铁锂",
            "碳酸锂",
            "锂盐",
            "电解液",
            "隔膜",
            "光伏新材料",
            "异质结",
            "光储",
            "抽水蓄能",
            "清洁能源",
            "绿色能源",
            "分布式能源",
            "生物质发电",
        ),
    ),
    Industry(
        "节能环保",
        (
            "节能环保",
            "环保",
            "垃圾焚烧",
            "垃圾处理",
            "生活垃圾",
            "固废",
            "危废",
            "污水处理",
            "水处理",
            "资源循环",
            "循环利用",
            "再生资源",
            "节能",
            "环境治理",
            "环境工程",
            "生态修复",
            "土壤修复",
            "餐厨垃圾",
        ),
    ),
    Industry(
        "数字创意",
        (
            "数字创意",
            "动漫",
            "游戏",
            "电竞",
            "影视",
            "数字内容",
            "文化创意",
            "数字文化",
            "虚拟现实",
            "数字媒体",
            "新媒体",
            "演艺",
        ),
    ),
    Industry(
        "相关服务",
        (
            "检验检测",
            "检测认证",
            "研发服务",
            "科技服务",
            "技术服务",
            "知识产权",
            "创业孵化",
            "科技企业孵化器",
            "众创空间",
            "工业设计",
        ),
    ),
    # -- the major traditional sectors --
    Industry(
        "其他制造业",
        (
            "食品",
            "饮料",
            "乳品",
            "乳业",
            "乳制品",
            "液态奶",
            "奶粉",
            # grain and oil processing is food making (金浩粮油智能工厂, 中粮…油脂加工项目)
            "粮油",
            "油脂",
            "食用油",
            "菜籽油",
            "面粉",
            "肉制品",
            "调味",
            "味精",
            "白酒",
            "酿酒",
            # beer by its making or its volume, not 啤酒 alone: a brewer's brand ends in it (华润雪花啤酒),
            # and a trade's word in a brand leaves it no brand (parties.brand_prefix)
            "千升啤酒",
            "啤酒生产",
            "啤酒厂",
            "酵母",
            "纺织",
            "服装",
            "鞋服",
            "家具",
            "家电",
            "家居",
            "化工",
            "石化",
            "钢铁",
            "不锈钢",
            "建材",
            "水泥",
            "玻璃",
            "轮胎",
            "造纸",
            "印刷",
            "包装",
            "汽车零部件",
            "轮毂",
            "防水",
            "塑料",
            "橡胶",
            "五金",
            "陶瓷",
            "机械",
            "有色金属",
            "铝",
            "铜箔",
            "铜线",
            "卷材",
            "涂料",
            "木业",
            "电气",
            "电器",
            "轴承",
            "工艺品",
        ),
        # 零部件 names a product's parts, not its trade: 新能源汽车核心零部件 is a 新能源汽车 plant
        carrier=("制造", "生产线", "工业项目", "零部件"),
    ),
    Industry(
        "房地产与产业园区",
        ("房地产", "住宅", "商住", "地产", "城市综合体", "写字楼", "产业新城", "工业上楼", "城市更新"),
        carrier=("标准厂房", "厂房", "产业园", "工业园", "产业园区", "科技园", "孵化园", "总部基地"),
    ),
    Industry(
        "物流",
        ("物流", "冷链", "仓储", "供应链", "快递", "分拨中心", "配送中心", "多式联运", "保税仓"),
    ),
    Industry(
        "现代服务业",
        (
            "现代服务业",
            "文旅",
            "旅游",
            "文化旅游",
            "康养",
            "养老",
            "酒店",
            "民宿",
            "度假",
            "景区",
            "商贸",
            "商业",
            "金融",
            "教育",
            "学校",
            "培训",
            "医院",
            "医疗服务",
            "会展",
            "电子商务",
            "电商",
            "总部经济",
            "体育",
            "健康管理",
            "餐饮",
            "零售",
            "服务业",
        ),
    ),
    Industry(
        "农业",
        (
            "农业",
            "现代农业",
            "种植",
            "养殖",
            "生猪",
            "畜牧",
            "肉鸡",
            "茶叶",
            "茶园",
            "蔬菜",
            "果蔬",
            "农产品",
            "渔业",
            "水产",
            "种业",
            "农牧",
            "粮食",
            "林业",
            "中药材种植",
        ),
    ),
    Industry(
        "基础设施",
        (
            "基础设施",
            "高速公路",
            "公路",
            "道路",
            "桥梁",
            "隧道",
            "供水",
            "水库",
            "水利",
            "综合管廊",
            "管廊",
            "铁路",
            "高铁",
            "轨道交通",
            "地铁",
            "机场",
            "码头",
            "港口",
            "市政",
            "棚户区改造",
            "安置房",
            "供热",
            "燃气",
            "电网",
            "变电站",
            "路网",
        ),
    ),
)

LABELS: Final[tuple[str, ...]] = tuple(industry.label for industry in TAXONOMY)
# The nine strategic emerging industries, in the classification's order.
STRATEGIC_EMERGING: Final[tuple[str, ...]] = LABELS[:9]


# Longer words that hold a taxonomy word but say nothing of an industry (市政 in 眉山市政府;
# 陶瓷土 is a clay mined for its lithium, not a ceramics product): scanned as words so the
# longest match takes them, then dropped.
_NOT_INDUSTRY: Final[tuple[str, ...]] = ("市政府", "陶瓷土")

# Words that say a battery but not what it powers (新能源 by default: cells for storage or any use).
GENERIC_BATTERY: Final[frozenset[str]] = frozenset({"锂电池", "锂离子电池", "锂电", "电芯"})

# Words that say a plant makes batteries for vehicles and for storage both (新能源, the set's and
# the trade's reading of a base making both).
BOTH_BATTERIES: Final[frozenset[str]] = frozenset(
    {"储能及动力电池", "动力及储能电池", "储能和动力电池", "储能与动力电池", "动力与储能电池", "动力和储能电池"}
)

# Words that name a battery for vehicles and nothing else.
VEHICLE_BATTERY: Final[frozenset[str]] = frozenset(
    {"动力电池", "动力锂电池", "汽车动力电池", "动力电芯", "动力方形电芯", "动力软包电芯", "动力圆柱电芯"}
)

# The new-energy chain's umbrella word and its materials: they say what a text is about only where no
# product of the chain is named beside them (锂离子动力电池新能源项目 makes vehicle batteries;
# 年产30GWh动力电池和年产10万吨电池级碳酸锂…基地 makes batteries and the lithium for them).
_CHAIN_LABELS: Final[frozenset[str]] = frozenset({"新能源", "新能源汽车"})
_CHAIN_SUPPLY: Final[frozenset[str]] = frozenset(
    {"新能源", "新能源材料", "正极材料", "负极材料", "磷酸铁锂", "磷酸锰铁锂", "碳酸锂", "锂盐", "电解液", "隔膜"}
)


def _index() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]], re.Pattern[str], dict[str, tuple[str, bool]]]:
    """The scanners: a class of first characters, per first character its words (longest first), the Latin words."""
    words: dict[str, tuple[str, bool]] = {word: ("", False) for word in _NOT_INDUSTRY}
    for industry in TAXONOMY:
        for word in industry.sector:
            words.setdefault(word, (industry.label, True))
        for word in industry.carrier:
            words.setdefault(word, (industry.label, False))
    by_first: dict[str, list[str]] = {}
    for word in sorted((w for w in words if not w.isascii()), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    # where a word may start: its first two characters each in their class (a filter, not the
    # words: a few positions pass that start none), or a one-character word's character
    longer = [w for ws in by_first.values() for w in ws if len(w) > 1]
    single = "".join(w for ws in by_first.values() for w in ws if len(w) == 1)
    # (the first character consumed, the rest asserted after it: a pattern that opens with a
    # class lets the engine skip to it in C, one that opens with a lookahead is tried everywhere;
    # the positions found are the same, one character apart at least)
    starts = re.escape("".join(dict.fromkeys(w[0] for w in longer)))
    seconds = re.escape("".join(dict.fromkeys(w[1] for w in longer)))
    alone = f"|(?<=[{re.escape(single)}])" if single else ""
    firsts = re.compile(f"[{starts}{re.escape(single)}](?:(?<=[{starts}])(?=[{seconds}]){alone})")
    alternatives = {ch: re.compile("|".join(map(re.escape, ws))) for ch, ws in by_first.items()}
    # ``IC`` and ``5G`` stand alone only (not inside a Latin word or a longer number)
    latin = "|".join(re.escape(w) for w in sorted((w for w in words if w.isascii()), key=len, reverse=True))
    return firsts, alternatives, re.compile(rf"(?<![A-Za-z0-9])(?:{latin})(?![A-Za-z0-9])"), words


# Two steps are several times faster than one regex of some 400 words: two character
# classes find where a word may start, then that character's few words are tried there.
_FIRSTS, _BY_FIRST, _LATIN, _WORD_LABELS = _index()


@dataclass(frozen=True)
class WordHit:
    """A taxonomy word found in text."""

    word: str
    label: str
    sector: bool
    start: int


def find_words(text: str, start: int = 0, end: int | None = None) -> list[WordHit]:
    """Every taxonomy word in ``text[start:end]``, in order (longest match at each position)."""
    stop = len(text) if end is None else end
    hits = []
    reached = start
    for first in _FIRSTS.finditer(text, start, stop):
        at = first.start()
        if at < reached:
            continue  # inside the word just found
        match = _BY_FIRST[text[at]].match(text, at, stop)
        if match is not None:
            label, sector = _WORD_LABELS[match.group()]
            if label:
                hits.append(WordHit(match.group(), label, sector, at))
            reached = match.end()
    if _LATIN.search(text, start, stop) is not None:
        for match in _LATIN.finditer(text, start, stop):
            label, sector = _WORD_LABELS[match.group()]
            hits.append(WordHit(match.group(), label, sector, match.start()))
        hits.sort(key=lambda hit: hit.start)
    return hits


def trades_joined(text: str, start: int, end: int) -> bool:
    """Whether the joining word at ``text[start:end]`` stands between two sector words.

    亿纬锂能储能与动力电池项目 is one project making storage and vehicle batteries:
    a trade's word ends right before 与 and another opens right after it;
    管委会与XX公司 and 与XX签约 have none.
    """
    before = [hit for hit in find_words(text, max(0, start - 8), start) if hit.sector]
    after = find_words(text, end, min(len(text), end + 8))
    return (
        bool(before)
        and before[-1].start + len(before[-1].word) == start
        and bool(after)
        and after[0].sector
        and after[0].start == end
    )


def label_of(word: str) -> tuple[str, bool] | None:
    """A taxonomy word's label and whether it is a sector word (not a carrier); None for no word."""
    found = _WORD_LABELS.get(word)
    return found if found is not None and found[0] else None


def within(hits: list[WordHit], start: int, end: int) -> list[WordHit]:
    """The hits that lie inside ``[start, end)`` (a project's name or clause in the scanned text)."""
    return [hit for hit in hits if start <= hit.start and hit.start + len(hit.word) <= end]


def decide(hits: Iterable[WordHit], weights: Iterable[int] | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The label the hits point to, and its words (each once, in order); (None, ()) for no hit.

    Sector words decide; carrier words only when there is no sector word.
    The new-energy chain's umbrella word (``新能源``) and its materials
    (``碳酸锂``, ``正极材料``) give way to a vehicle product named with them
    (``动力电池``); beside a 新能源 product they count with it.
    ``weights`` (one per hit) lets a caller count a title's word more than
    a body's.  Ties go to the label whose last word comes last: a Chinese
    name ends in its head (青春化工园犇星新能源材料项目 is a battery-materials project
    in a chemicals park).
    """
    listed = list(hits)
    weighted = list(weights) if weights is not None else [1] * len(listed)
    sector = [(h, w) for h, w in zip(listed, weighted, strict=True) if h.sector]
    products = {h.label for h, _ in sector if h.label in _CHAIN_LABELS and h.word not in _CHAIN_SUPPLY}
    if products and "新能源" not in products:
        # (beside a 新能源 product, 锂电池负极材料, the material is more of the same evidence)
        sector = [(h, w) for h, w in sector if h.word not in _CHAIN_SUPPLY]
    chosen = sector or list(zip(listed, weighted, strict=True))
    if not chosen:
        return None, ()
    score: dict[str, int] = {}
    last: dict[str, int] = {}
    for order, (hit, weight) in enumerate(chosen):
        score[hit.label] = score.get(hit.label, 0) + weight
        last[hit.label] = order
    label = max(score, key=lambda name: (score[name], last[name]))
    words = tuple(dict.fromkeys(h.word for h, _ in chosen if h.label == label))
    return label, words


def classify(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The industry label of ``text`` and the words that decided it; (None, ()) when the text does not say.

    >>> classify("上药超级工厂 生物医药")
    ('生物', ('生物医药',))
    >>> classify("标准厂房项目")
    ('房地产与产业园区', ('标准厂房',))
    """
    return decide(find_words(text))


def refine_battery(
    name_hits: list[WordHit], sentence_hits: list[WordHit], decided: tuple[str | None, tuple[str, ...]]
) -> tuple[str | None, tuple[str, ...]]:
    """A battery project's label, told more exactly by its sentence; ``decided`` (the name's) otherwise.

    A name whose sector words only say "battery" (``GENERIC_BATTERY``:
    时代新型锂离子电池项目) does not say what the battery powers.  When the
    rest of its sentence says vehicles and nothing else (拟建设新型锂离子电池
    动力电池生产基地), the project is a 新能源汽车 one: the national
    classification files 动力电池 under 新能源汽车.  A sentence that also
    names storage or another sector word keeps the name's label (a base
    making 动力 and 储能 batteries is an energy plant).
    """
    sector = [hit for hit in name_hits if hit.sector]
    if not sector or any(hit.word not in GENERIC_BATTERY for hit in sector):
        return decided
    # the trade's own name is no product (…,推动新能源汽车产业的高质量发展: what the cells supply,
    # not which cells they are)
    telling = [
        hit for hit in sentence_hits if hit.sector and hit.word not in GENERIC_BATTERY and hit.word != "新能源汽车"
    ]
    if not telling or any(hit.label != "新能源汽车" for hit in telling):
        return decided
    return decide(telling)


def refine_both(
    name_hits: list[WordHit], article_hits: list[WordHit], decided: tuple[str | None, tuple[str, ...]]
) -> tuple[str | None, tuple[str, ...]]:
    """A name that says only "vehicle battery" (``冠宇动力电池生产项目``) in an article that says the
    plant makes batteries for vehicles and storage both (``规划建设10条动力及储能电池生产线``) is a
    新能源 project, told by that word; ``decided`` otherwise."""
    sector = [hit for hit in name_hits if hit.sector]
    if not sector or any(hit.word not in VEHICLE_BATTERY for hit in sector):
        return decided
    both = [hit for hit in article_hits if hit.word in BOTH_BATTERIES]
    return decide(both) if both else decided
