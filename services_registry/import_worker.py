"""The register import worker: run the imports officers confirmed in the admin, one at a time.

`manage.py run_register_imports` runs what is waiting and stops; with `--loop` it keeps
watching, like the outbox worker. Each import goes through `import_services`, the same
code as the `import_services` command, reading the very file the officer previewed.
"""

import io
import logging
import threading
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections

from .datastore import MissingColumnsError, import_services
from .register_import import RegisterImport, file_digest

logger = logging.getLogger(__name__)


class FileChangedError(ValueError):
    pass


def run_import(register_import: RegisterImport) -> None:
    """Import its file, recording progress as it goes; on any failure mark it failed, saying why."""
    try:
        with register_import.file.open("rb") as stored:
            if file_digest(stored) != register_import.sha256:
                raise FileChangedError("The stored file is not the one that was previewed; upload it again.")
            text = io.TextIOWrapper(stored, encoding="utf-8-sig", newline="")
            report = import_services(
                text, progress=register_import.record_progress, register_import=register_import
            )
    except (FileChangedError, MissingColumnsError) as error:
        register_import.mark_failed(str(error))
    except UnicodeDecodeError as error:
        register_import.mark_failed(f"The file is not UTF-8 text ({error.reason}).")
    except Exception as error:
        logger.exception("Register import %s failed", register_import.pk)
        register_import.mark_failed(f"The import failed: {error}.")
    else:
        register_import.mark_done(report)


def run_waiting_imports(report: Callable[[str], None] = logger.info) -> int:
    """Run every confirmed import, oldest first; returns how many ran."""
    if stalled := RegisterImport.objects.fail_stalled():
        report(f"Imports whose worker stopped, marked failed: {stalled}")
    ran = 0
    while register_import := RegisterImport.objects.claim_next():
        run_import(register_import)
        register_import.refresh_from_db()
        report(f"{register_import}: {register_import.get_state_display()}")
        ran += 1
    return ran


def run_forever(interval: float, stop: threading.Event, report: Callable[[str], None]) -> None:
    """Check every `interval` seconds until `stop` is set; a database outage only delays the next check."""
    while not stop.is_set():
        try:
            close_old_connections()
            run_waiting_imports(report)
        except DatabaseError as error:
            logger.error("Database unavailable; the register import worker will try again: %s", error)
        stop.wait(interval)
