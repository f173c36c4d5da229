"""monitor.archive.canonical: the text an article is identified by."""

from __future__ import annotations

import hashlib

import pytest

from monitor.archive.canonical import canonical_text, content_hash

CASES = [
    # (title, paragraphs, canonical text)
    ("标题", ["第一段。", "第二段。"], "标题\n第一段。\n第二段。\n"),
    (None, ["  前后空白  ", ""], "前后空白\n"),
    ("全角ＡＢＣ１２３", ["半角与全角，逗号"], "全角ABC123\n半角与全角,逗号\n"),
    ("多个   空格\t制表", ["行内\u3000全角空格"], "多个 空格 制表\n行内 全角空格\n"),
    ("", [], ""),
]


@pytest.mark.parametrize(("title", "paragraphs", "expected"), CASES)
def test_canonical_text(title: str | None, paragraphs: list[str], expected: str) -> None:
    assert canonical_text(title, paragraphs) == expected


def test_content_hash_is_sha256_prefix() -> None:
    text = canonical_text("标题", ["正文"])
    assert content_hash(text) == hashlib.sha256(text.encode()).hexdigest()[:16]
    assert len(content_hash(text)) == 16


def test_chrome_free_text_is_stable_across_whitespace() -> None:
    assert content_hash(canonical_text("T", ["a  b"])) == content_hash(canonical_text(" T ", ["a b", "  "]))
