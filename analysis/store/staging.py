"""Builds that are all or nothing, one at a time.

A build writes into a private copy of the database and renames it over the original only once the copy is
complete and closed. A build killed at any moment (even ``kill -9``) leaves the original untouched, and a
report opened during a build keeps reading the last complete database. A lock file next to the database
lets one build in at a time; a second one waits up to its timeout, then fails with a clear message."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BuildLocked(RuntimeError):
    """Another build holds the database."""


def pause_point(stage: str) -> None:
    """Fault-injection point for the crash tests: with PAPERTRENDS_PAUSE_AT=stage the build says so on
    stderr and waits to be killed. Inert otherwise."""
    if os.environ.get("PAPERTRENDS_PAUSE_AT") == stage:
        print(f"papertrends: paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(600)


@contextmanager
def build_lock(db_path: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"{db_path}: another build is writing this database (lock {lock_path}); "
                        f"wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def staged_copy(db_path: Path) -> Iterator[Path]:
    """A private copy of the database to write into; on success it replaces the original atomically.
    Copies left by killed builds are removed first (the caller holds the build lock)."""
    for stale in db_path.parent.glob(f".{db_path.name}.building-*"):
        stale.unlink()
    staged = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    if db_path.exists():
        shutil.copyfile(db_path, staged)
        wal = db_path.with_name(db_path.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, staged.with_name(staged.name + ".wal"))
    try:
        yield staged
        pause_point("before-rename")
        with staged.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staged, db_path)
        _fsync_dir(db_path.parent)
    finally:
        for leftover in (staged, staged.with_name(staged.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
