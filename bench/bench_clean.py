"""Benchmark: HTML → CleanArticle on real Chinese news pages, beside trafilatura and bare lxml.

Pages: the ~60 Chinese news pages in GNE's source distribution, downloaded at run
time into a temporary directory (never committed).  Quality: each page's
reference body is the longest-common-subsequence-free proxy below: the share of
the page's prose sentences (Han sentences of 15+ characters found in <p>
elements) that an extractor's body contains — recall — and the share of the
extractor's sentences that are such prose — precision.  Also text →
CleanArticle on the five seeds.

Run: .venv/bin/python bench/bench_clean.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import opencc
import trafilatura

from monitor.text import clean_html, clean_text

_SENTENCE = re.compile(r"[^。！？!?\n]{15,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_T2S = opencc.OpenCC("t2s")


def gne_pages() -> list[bytes]:
    """Download GNE's sdist with pip and return the HTML pages it ships."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", tmp, "gne"],
            check=True,
        )
        pages = []
        for archive in Path(tmp).glob("*.tar.gz"):
            with tarfile.open(archive) as tar:
                for member in tar.getmembers():
                    if member.name.endswith(".html") and member.isfile():
                        handle = tar.extractfile(member)
                        if handle is not None:
                            pages.append(handle.read())
        return pages


def _sentences(text: str) -> set[str]:
    return {s.strip() for s in _SENTENCE.findall(_T2S.convert(text)) if len(_HAN.findall(s)) >= 10}


def reference_sentences(page: bytes) -> set[str]:
    """Prose sentences of a page: Han sentences inside <p> elements outside obvious chrome."""
    root = lxml.html.fromstring(page.decode("utf-8", errors="replace"))
    for el in root.xpath("//script|//style|//nav|//footer|//aside"):
        el.drop_tree()
    return _sentences("\n".join(p.text_content() for p in root.iter("p")))


def ours(page: bytes) -> str:
    return clean_html(page).body


def theirs(page: bytes) -> str:
    return trafilatura.extract(page.decode("utf-8", errors="replace")) or ""


def bare(page: bytes) -> str:
    return str(lxml.html.fromstring(page.decode("utf-8", errors="replace")).text_content())


def measure(name: str, extract: Callable[[bytes], str], pages: list[bytes], rounds: int) -> tuple[float, str]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for page in pages:
            extract(page)
        times.append(time.perf_counter() - start)
    rate = len(pages) / statistics.median(times)
    return rate, name


def quality(extract: Callable[[bytes], str], pages: list[bytes]) -> tuple[float, float]:
    recalls, precisions = [], []
    for page in pages:
        reference = reference_sentences(page)
        got = _sentences(extract(page))
        if not reference:
            continue
        recalls.append(len(reference & got) / len(reference))
        precisions.append(len(reference & got) / len(got) if got else 0.0)
    return statistics.median(recalls), statistics.median(precisions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = gne_pages()
    print(f"{len(pages)} GNE pages, {sum(map(len, pages)) / len(pages) / 1024:.0f} KiB mean, {args.rounds} rounds")
    rates = {}
    print("| extractor | pages/s (median) | vs trafilatura | body recall (median) | body precision (median) |")
    print("| --- | --- | --- | --- | --- |")
    results = []
    for name, extract in (("signwatch clean_html", ours), ("trafilatura.extract", theirs), ("lxml text_content", bare)):
        rate, _ = measure(name, extract, pages, args.rounds)
        rates[name] = rate
        recall, precision = quality(extract, pages)
        results.append((name, rate, recall, precision))
    for name, rate, recall, precision in results:
        ratio = rate / rates["trafilatura.extract"]
        print(f"| {name} | {rate:.0f} | {ratio:.2f}x | {recall:.2f} | {precision:.2f} |")
    seeds_dir = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    if seeds:
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for _repeat in range(20):
                for text in seeds:
                    clean_text(text)
            times.append(time.perf_counter() - start)
        rate = 20 * len(seeds) / statistics.median(times)
        print(f"\ntext → CleanArticle on the {len(seeds)} seeds: {rate:.0f} pages/s")


if __name__ == "__main__":
    main()
