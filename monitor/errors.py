"""The exceptions signwatch raises on purpose.

Every one of them describes a user-facing problem in one line; the CLI prints
``str(error)`` and exits with status 2 instead of showing a traceback.

SignwatchError            base of everything below
├── ConfigError           raised by monitor.config: bad file, key or value
├── StoreError            raised by monitor.store: database unreachable or broken
│   └── WriteConflict     two transactions' writes collided (deadlock, serialization): run again
├── ArchiveError          raised by monitor.archive.files: unwritable or corrupt archive
└── InputError            raised by commands on bad user input (files, URLs, options)
"""

from __future__ import annotations


class SignwatchError(Exception):
    """Base class: a problem to report to the user in one line."""


class ConfigError(SignwatchError):
    """The configuration file or environment is wrong (raised by monitor.config)."""


class StoreError(SignwatchError):
    """The database cannot be reached or used (raised by monitor.store)."""


class WriteConflict(StoreError):
    """The database aborted a transaction that collided with another's writes (a deadlock); run again, it succeeds."""


class ArchiveError(SignwatchError):
    """The archive directory cannot be read or written (raised by monitor.archive.files)."""


class InputError(SignwatchError):
    """A command was given input it cannot use (raised by CLI commands)."""
