"""Rebuild ``data/divisions.tsv`` from JioNLP's China location dictionary.

Run once at build time, never at run time (JioNLP is a bench extra, not a
runtime dependency)::

    python -m monitor.events.gazetteer_build > monitor/events/data/divisions.tsv

The output keeps only the three levels extraction uses (province, prefecture,
county) and only divisions with a six-digit code, one per line:
``level  code  name  short  parent_code``.  Municipalities appear twice, as a
province and as their own prefecture, exactly as the official code table does.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path


def _location_lines() -> list[str]:
    """The lines of JioNLP's zipped location dictionary."""
    # find_spec locates the package without importing it (its import prints banners)
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed: pip install jionlp")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return archive.read("china_location.txt").decode("utf-8").splitlines()


def build_rows(lines: list[str]) -> list[tuple[int, str, str, str, str]]:
    """Province, prefecture and county rows with codes, in file order."""
    rows: list[tuple[int, str, str, str, str]] = []
    parents: dict[int, str] = {}
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        fields = line.strip("\t").split("\t")
        if len(fields) < 3 or not fields[1].isdigit():
            # divisions without a code (e.g. Taiwan's) cannot be stored reliably
            parents[depth + 1] = ""
            continue
        name, code, short = fields[0], fields[1], fields[2]
        parent = parents.get(depth, "") if depth else ""
        rows.append((depth + 1, code, name, short, parent))
        parents[depth + 1] = code
    return rows


def main() -> None:
    """Print the gazetteer TSV on stdout."""
    out = sys.stdout
    out.write("# level\tcode\tname\tshort\tparent (built from JioNLP's china_location)\n")
    for level, code, name, short, parent in build_rows(_location_lines()):
        out.write(f"{level}\t{code}\t{name}\t{short}\t{parent}\n")


if __name__ == "__main__":
    main()
