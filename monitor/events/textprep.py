"""Prepare cleaned text for extraction: fold what cleaning may have missed.

Cleaning hands us Simplified text, but a Traditional character or a pinyin
gloss can escape it.  Extraction folds the few characters its patterns depend
on (numerals, money units, the trigger and keyword characters) and strips
pinyin glosses, so ``總投資額超500億元`` and ``項(xiàng)目`` still parse.  A
full-width ``。`` typed as a decimal point inside an amount (``总投资12。5亿元``)
becomes ``.``, so the amount is 12.5亿, not a sentence end and 5亿; a space
after a decimal point (``1166. 2亿元``) is read as the amount 1166.2亿元.
"""

from __future__ import annotations

import re

# Traditional → Simplified for the characters extraction's patterns use.
_TRADITIONAL = (
    "億萬兩數總資額簽約項個達計幣區縣與協議產稅進級餘過儀舉務體戰實際規劃將擬圓為歐門"
    "國貿營銷補貼勵場點來業鎮廣東莊雲線視頻備錄駐寶嶺灣蘇漢陽慶長開發興島頭溝"
    # characters frequent in place names, so a Traditional leftover still resolves
    "寧龍華濱鄉臺蘭貴遼黃無錫鄭鹽潤澤潯瀋齊嶽撫濟紹陝晉魯閩贛滬蒼麗橋灘連"
)
_SIMPLIFIED = (
    "亿万两数总资额签约项个达计币区县与协议产税进级余过仪举务体战实际规划将拟元为欧门"
    "国贸营销补贴励场点来业镇广东庄云线视频备录驻宝岭湾苏汉阳庆长开发兴岛头沟"
    "宁龙华滨乡台兰贵辽黄无锡郑盐润泽浔沈齐岳抚济绍陕晋鲁闽赣沪苍丽桥滩连"
)

# One-to-one folds only: extraction works on the folded text and quotes it as evidence.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
        "．": ".",
        **dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True)),
    }
)

# A pinyin gloss in parentheses right after a Han character: 寶山區(qū)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[((][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}[))]")


# 。 between digits, with a money unit after the digits: a decimal point typed full width.
# (The pattern opens with the literal 。 so the engine scans for it; the digit before is checked after.)
_DECIMAL_STOP = re.compile(r"。(?<=\d。)(?=\d+[ \u3000]?(?:万|亿|元|美元|欧元|港元))")

# A space typed after a decimal point (总金额1166. 2亿元): the digits move up to the point and the
# space goes before the unit, where an amount may have one, so the fold changes no length.
_SPACED_DECIMAL = re.compile(r"(?<=\d\.) (\d{1,4})(?=万|亿|元|美元|欧元|港元)")

# Any character the fold would change: most cleaned text has none, and a regex
# search is far cheaper than a dict-driven str.translate over every character.
_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _FOLD)) + "]")


def prepare(text: str) -> str:
    """Fold Traditional leftovers and full-width digits, strip pinyin glosses."""
    return prepare_aligned(text)[0]


def prepare_aligned(text: str) -> tuple[str, str]:
    """The folded text and the text as written, of equal length, offset for offset.

    Extraction matches on the folded text but quotes figures as the article
    writes them (``逾120億元`` stays ``億``), so both lose the same pinyin
    glosses and the fold itself changes no length.
    """
    folded = text.translate(_FOLD) if _FOLDABLE.search(text) else text
    if "。" in folded:
        folded = _DECIMAL_STOP.sub(".", folded)  # one character for one: offsets stay aligned
    if ". " in folded:
        folded = _SPACED_DECIMAL.sub(r"\1 ", folded)
    if "(" not in folded and "(" not in folded:
        return folded, text
    pieces_folded: list[str] = []
    pieces_written: list[str] = []
    last = 0
    for gloss in _PINYIN.finditer(folded):
        pieces_folded.append(folded[last : gloss.start()])
        pieces_written.append(text[last : gloss.start()])
        last = gloss.end()
    pieces_folded.append(folded[last:])
    pieces_written.append(text[last:])
    return "".join(pieces_folded), "".join(pieces_written)
