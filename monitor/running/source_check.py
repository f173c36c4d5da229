"""Checking source entries made in code: one clear line per problem, before any crawl runs.

A source read from a file is checked by loading it (``monitor.config``: every
value against its range, the rules across keys; ``signwatch sources check``
prints every problem of the file with ``monitor.config.read_config``).  These
functions run the same checks on sources that were not read from a file (the
daemon's check, the tests), and parse the schedule with the scheduler's own
parser, so a schedule that passes here runs.
"""

from __future__ import annotations

from monitor.config import SourceSettings
from monitor.config import source_problems as config_source_problems
from monitor.errors import ConfigError
from monitor.running.schedule import parse_schedule


def schedule_problem(schedule: str) -> str | None:
    """What is wrong with a schedule (an interval like ``6h`` or a five-field cron), or None.

    The same parser the scheduler uses, so a schedule that passes here runs.
    """
    try:
        parse_schedule(schedule.strip())
    except ConfigError as error:
        return str(error)
    return None


def source_problems(source: SourceSettings) -> list[str]:
    """Every problem of one source entry, each ``key: problem``."""
    problems = config_source_problems(source)
    problem = schedule_problem(source.schedule)
    if problem and not any(line.startswith("schedule: ") for line in problems):
        problems.append(f"schedule: {problem}")
    return problems


def check_all(sources: list[SourceSettings]) -> list[str]:
    """``name: key: problem`` lines for every source (empty when all are fine)."""
    return [f"{source.name}: {problem}" for source in sources for problem in source_problems(source)]
