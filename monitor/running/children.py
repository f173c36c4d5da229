"""Child processes that die with their parent: a crawl must never outlive the pass that started it.

A crawl child left running by a killed ``signwatch run`` goes on crawling
beside the next pass (and stores the same articles twice).  On Linux the
child asks the kernel for SIGKILL when its parent ends
(``prctl(PR_SET_PDEATHSIG)``); elsewhere nothing is asked, and a child
whose parent is gone still dies on its next check of ``parent_gone``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> bool:
    """Have this process killed when its parent ends; False when the parent ``parent`` has gone already.

    The parent's pid comes from the parent itself: it may have died before
    this call, and then the kernel never sends the signal (a child adopted
    by init has a new parent).  Caveat of the kernel: the signal follows the
    *thread* that started the child, so the parent starts and waits for its
    child in one thread, as ``monitor.running.crawl`` does.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    return not parent_gone(parent)


def parent_gone(parent: int) -> bool:
    """Whether the process that started this one (pid ``parent``) has ended."""
    return os.getppid() != parent
