"""Twilio messages kept on disk while the database is down.

Twilio does not retry a webhook, so a text that arrives during an outage is
appended to a file as one JSON line (flushed and fsynced before we answer) and
stored later by `manage.py replay_spool`, once, keyed by its MessageSid.

Writers hold a shared flock on the spool file while appending. The replayer
renames the file to `.replaying` first (atomic), then takes an exclusive lock on
it, which waits for any append already under way. A writer that opened the old
file just before the rename sees that its file is no longer the spool and
starts again, so no line is written into a file that has already been read.
"""

import fcntl
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

SPOOL_NAME = "twilio.jsonl"
REPLAYING_SUFFIX = ".replaying"
REJECTED_NAME = "twilio.rejected.jsonl"
LOCK_NAME = "replay.lock"


def spool_dir() -> Path:
    return Path(settings.COMPLAINTS_SPOOL_DIR)


def spool_path() -> Path:
    return spool_dir() / SPOOL_NAME


def _append_line(path: Path, line: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            if current is None or current.st_ino != os.fstat(fd).st_ino:
                continue  # renamed for replay between open and lock: append to the new file
            os.write(fd, line)
            os.fsync(fd)
            return
        finally:
            os.close(fd)


def append(record: dict) -> None:
    """Keep one inbound message on disk, durably, before the request is answered."""
    line = (json.dumps(record, ensure_ascii=True, sort_keys=True) + "\n").encode("ascii")
    _append_line(spool_path(), line)


def reject(record: dict, *, reason: str) -> None:
    """Keep a record that can never be stored where a person will find it."""
    logger.error("Spooled message rejected: %s", reason)
    line = json.dumps({**record, "rejected_because": reason}, ensure_ascii=True, sort_keys=True) + "\n"
    _append_line(spool_dir() / REJECTED_NAME, line.encode("ascii"))


@dataclass
class ReplayResult:
    stored: int = 0
    rejected: int = 0
    busy: bool = False
    database_unavailable: bool = False


def replay(store: Callable[[dict], None]) -> ReplayResult:
    """Pass each spooled record to `store`; remove the lines only when all are stored.

    `store` must be idempotent (receive_complaint is, by message id): a crash
    half-way leaves the `.replaying` file, which the next run finishes first.
    A database error from `store` stops the run and keeps the file for next time.
    Lines that are not valid JSON are moved to a rejected file for a person to read.
    """
    result = ReplayResult()
    directory = spool_dir()
    directory.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(directory / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            result.busy = True
            return result
        replaying = spool_path().with_name(SPOOL_NAME + REPLAYING_SUFFIX)
        if not replaying.exists():
            try:
                os.replace(spool_path(), replaying)
            except FileNotFoundError:
                return result
        try:
            _replay_file(replaying, store, result)
        except DatabaseError:
            # Still down: the .replaying file stays and the next run starts with it.
            logger.exception("Database unavailable; spool kept for the next run")
            result.database_unavailable = True
        return result
    finally:
        os.close(lock_fd)


def _replay_file(path: Path, store: Callable[[dict], None], result: ReplayResult) -> None:
    with open(path, "rb") as spooled:
        fcntl.flock(spooled.fileno(), fcntl.LOCK_EX)
        for raw_line in spooled:
            if not raw_line.strip():
                continue
            try:
                record = json.loads(raw_line)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except ValueError:
                logger.error("Spool line is not a JSON object; moved to %s", REJECTED_NAME)
                _append_line(spool_dir() / REJECTED_NAME, raw_line.rstrip(b"\n") + b"\n")
                result.rejected += 1
                continue
            store(record)
            result.stored += 1
        os.unlink(path)
