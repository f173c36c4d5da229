"""A host's turns: its concurrency and its delay hold whoever asks (crawler.host_limits)."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from crawler.host_limits import HostLimits, HostTurns


async def _take_turns(turns: HostTurns, requests: int, hold: float) -> tuple[int, list[float]]:
    """Run ``requests`` downloads of ``hold`` seconds through ``turns``; the most inside at once, and each start."""
    loop = asyncio.get_running_loop()
    inside = most = 0
    starts: list[float] = []

    async def download() -> None:
        nonlocal inside, most
        async with turns.turn():
            starts.append(loop.time())
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(hold)
            inside -= 1

    await asyncio.gather(*(download() for _ in range(requests)))
    return most, starts


@pytest.mark.parametrize(("concurrency", "requests"), [(1, 5), (2, 30), (8, 200), (8, 3)])
def test_no_more_than_the_hosts_concurrency_is_inside_at_once(concurrency: int, requests: int) -> None:
    turns = HostTurns(concurrency)
    most, starts = asyncio.run(_take_turns(turns, requests, 0.005))
    # Every request had its turn, and the host was used as far as it allows, never further.
    assert len(starts) == requests
    assert most == min(concurrency, requests)
    assert (turns.busy, turns.users) == (0, 0)


@pytest.mark.parametrize(("delay", "jitter", "shortest"), [(0.03, 0.0, 0.03), (0.04, 0.5, 0.02)])
def test_starts_are_the_hosts_delay_apart(delay: float, jitter: float, shortest: float) -> None:
    # With 4 places free, only the delay holds requests back: each start waits for the one before.
    _most, starts = asyncio.run(_take_turns(HostTurns(4, delay, jitter), 6, 0.0))
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(gaps) == 5
    assert min(gaps) >= shortest


def test_a_waiter_that_is_cancelled_gives_its_place_back() -> None:
    async def scenario() -> tuple[int, int]:
        turns = HostTurns(1)
        async with turns.turn():
            waiter = asyncio.ensure_future(_take_turns(turns, 1, 0.0))
            await asyncio.sleep(0)
            waiter.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiter
        most, _starts = await _take_turns(turns, 3, 0.0)
        return most, turns.users

    assert asyncio.run(scenario()) == (1, 0)


def test_one_hosts_turns_are_shared_and_idle_hosts_are_forgotten_past_the_limit() -> None:
    async def scenario() -> tuple[bool, int, bool]:
        hosts = HostLimits(keep=2)
        first = hosts.of("a.example", 2, 0.0, 0.0)
        same = hosts.of("a.example", 2, 0.0, 0.0) is first  # every crawler of a config asks with its limits
        async with hosts.of("b.example", 2, 0.0, 0.0).turn():
            hosts.of("c.example", 2, 0.0, 0.0)  # past the limit: idle a.example is dropped, busy b.example kept
            kept_busy = hosts.of("b.example", 2, 0.0, 0.0).busy == 1
        return same, len(hosts), kept_busy

    assert asyncio.run(scenario()) == (True, 2, True)


# The limits a host was first asked with, those a reloaded config asks with, and whether its turns are new.
RELOADS = [
    ((2, 0.0, 0.0), (2, 0.0, 0.0), False),
    ((2, 0.0, 0.0), (8, 0.0, 0.0), True),
    ((8, 1.0, 0.5), (1, 1.0, 0.5), True),
    ((2, 0.0, 0.0), (2, 0.5, 0.0), True),
    ((2, 0.5, 0.0), (2, 0.5, 0.5), True),
    ((0, -1.0, 0.0), (1, 0.0, 0.0), False),  # the same limits, as the turns hold them
]


@pytest.mark.parametrize(("before", "after", "new"), RELOADS)
def test_a_reloaded_configs_limits_replace_the_hosts_old_ones(
    before: tuple[int, float, float], after: tuple[int, float, float], new: bool
) -> None:
    async def scenario() -> tuple[bool, tuple[int, float, float]]:
        hosts = HostLimits()
        first = hosts.of("a.example", *before)
        turns = hosts.of("a.example", *after)
        return turns is not first, (turns.concurrency, turns.delay, turns.jitter)

    assert asyncio.run(scenario()) == (new, HostTurns.limits(*after))


def test_new_limits_still_space_the_next_start_from_the_last() -> None:
    async def scenario() -> float:
        hosts = HostLimits()
        loop = asyncio.get_running_loop()
        async with hosts.of("a.example", 1, 0.05, 0.0).turn():
            started = loop.time()
        async with hosts.of("a.example", 4, 0.05, 0.0).turn():  # reloaded: more at once, the same delay
            return loop.time() - started

    assert asyncio.run(scenario()) >= 0.05
