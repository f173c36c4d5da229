"""How commands print: tables on a terminal, plain lines anywhere else.

Output that goes to a file or a pipe (cron's log, ``| head``, journald) is
read by people with ``grep`` and by scripts with ``cut``: there a table is
one header line and one line per row, cells separated by a tab, each cell
whole and on one line — never cut to 80 columns, never wrapped.  On a
terminal the same rows are a rich table.  Times print in one zone, the one
the config names (``alerts.timezone``), with its offset.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

# Off a terminal a console this wide never breaks a line: rich tables are as
# wide as their content (never padded to the console), so nothing is cut.
UNLIMITED_WIDTH = 1_000_000


def make_console(*, stderr: bool = False) -> Console:
    """A rich console for stdout (or stderr): sized by the terminal, or, off one, unlimited and unwrapped."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    # Other commands print rich tables and long lines through this console
    # too: off a terminal none of them may be cut or wrapped at 80 columns.
    return Console(stderr=stderr, width=UNLIMITED_WIDTH, soft_wrap=True, highlight=False)


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (tabs and newlines too) one space."""
    return " ".join(text.split())


def print_rows(
    console: Console, headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str | None = None
) -> None:
    """Print rows under ``headers``: tab-separated lines off a terminal, a table or records on one.

    Cells are printed literally (web text is never read as markup).  On a
    terminal the rows are a table when it fits the width without cutting a
    cell; otherwise each row is a record: its first cell (what the row is
    about, a source's name), then ``header: value`` pairs, wrapped.
    """
    rows = [tuple(one_line(cell) for cell in row) for row in rows]
    if not console.is_terminal:
        lines = [] if title is None else [one_line(title)]
        lines += ["\t".join(row) for row in (tuple(headers), *rows)]
        console.file.write("".join(line + "\n" for line in lines))
        console.file.flush()
        return
    widths = [max([cell_len(header), *(cell_len(row[index]) for row in rows)]) for index, header in enumerate(headers)]
    # A rich table costs each column its width, two spaces of padding and a border, plus the last border.
    if sum(widths) + 3 * len(widths) + 1 <= console.width:
        table = Table(title=title)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, no_wrap=True, min_width=width)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
        return
    if title is not None:
        console.print(Text(title, style="bold"))
    for row in rows:
        console.print(Text(row[0], style="bold"))
        pairs = [f"{header}: {cell}" for header, cell in zip(headers[1:], row[1:], strict=True) if cell]
        for line in _fill(pairs, console.width - 2):
            console.print(Text("  " + line), soft_wrap=True)


def _fill(pairs: Sequence[str], width: int) -> list[str]:
    """``pairs`` joined into lines of at most ``width`` cells, never breaking one (a longer one stands alone)."""
    lines: list[str] = []
    for pair in pairs:
        if lines and cell_len(lines[-1]) + len(_GAP) + cell_len(pair) <= width:
            lines[-1] += _GAP + pair
        else:
            lines.append(pair)
    return lines


# Between two "header: value" pairs of a record.
_GAP = "   "


def format_time(moment: datetime | None, zone: tzinfo, *, empty: str = "never") -> str:
    """A stored moment in ``zone``, to the minute, with its offset: ``2024-06-20 16:00 +0800``."""
    if moment is None:
        return empty
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %z")
