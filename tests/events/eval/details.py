"""Score the detailed labels of ``heldout.tsv``: values, qualifiers, places, dates.

    .venv/bin/python tests/events/eval/details.py [--cases FILE]

Reads columns 5 and 6 of the held-out format (figure details
``text=value|max|currency|qualifier|projects`` and event details
``province|city|county|date``).  Figures are paired on their text after folding
the Traditional 億/萬 and a leading 为, so that a difference in how the text is
quoted does not hide whether the value is right.  Dates are scored only where the
label is a full ``YYYY-MM-DD``: the snippets carry no article date, so a
month and day alone cannot be placed in a year.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout.tsv")
FIELDS = ("value", "max", "currency", "qualifier", "projects")


def fold(text: str) -> str:
    """Figure text with quoting differences folded away."""
    return text.replace("億", "亿").replace("萬", "万").removeprefix("为")


def main() -> None:
    """Print per-field accuracy over the figures and events both sides found."""
    parser = argparse.ArgumentParser(description="Score detailed labels.")
    parser.add_argument("--cases", type=Path, default=HELDOUT)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from monitor.events import extract
    from monitor.text.article import CleanArticle

    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for line in args.cases.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        snippet, _, _, case_id, figure_details, event_details = line.split("\t")
        result = extract(CleanArticle(title=None, paragraphs=(snippet,)))
        found = {fold(f.text): f for f in result.figures}
        for item in filter(None, figure_details.split(";")):
            text, packed = item.rsplit("=", 1)
            figure = found.get(fold(text))
            if figure is None:
                continue
            got = (figure.value, figure.maximum, figure.currency, figure.qualifier, figure.projects)
            for name, want, have in zip(FIELDS, packed.split("|"), got, strict=True):
                seen[name] += 1
                ok = str(have if have is not None else "") == want
                right[name] += ok
                if not ok:
                    print(f"{case_id} {text} {name}: want {want!r} got {have!r}")
        if event_details == "-" or not result.events:
            continue
        province, city, county, date = event_details.split("|")
        event = result.events[0]
        if province:
            seen["place"] += 1
            have_place = (event.place.province, event.place.city, event.place.county) if event.place else None
            want_place = (province, city or None, county or None)
            right["place"] += have_place == want_place
            if have_place != want_place:
                print(f"{case_id} place: want {want_place} got {have_place}")
        if len(date) == 10:
            seen["date"] += 1
            have_date = event.date.earliest.isoformat() if event.date and event.date.is_day else ""
            right["date"] += have_date == date
            if have_date != date:
                print(f"{case_id} date: want {date} got {have_date or None}")
    for name in (*FIELDS, "place", "date"):
        print(f"{name}: {right[name]}/{seen[name]}")


if __name__ == "__main__":
    main()
