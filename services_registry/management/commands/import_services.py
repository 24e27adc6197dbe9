"""Import (or refresh) the register from the regulator's open-data datastore CSV.

Safe to run again on the same file: services already up to date are left alone.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from services_registry.datastore import MissingColumnsError, import_services


def count_rows(path: Path) -> int:
    """Lines after the header: a fair total for the progress bar, read in blocks, not held."""
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


class Command(BaseCommand):
    help = "Import care services from a datastore CSV file (upserts by service number)."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help="The datastore CSV file.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, csv_file: Path, no_progress=False, verbosity=1, **options):
        if not csv_file.is_file():
            raise CommandError(f"{csv_file} is not a file.")
        show_progress = not no_progress and verbosity > 0
        bar = tqdm(
            total=count_rows(csv_file) if show_progress else None,
            unit=" rows",
            disable=not show_progress or None,
            file=self.stderr._out,
        )
        try:
            with csv_file.open(newline="", encoding="utf-8-sig") as handle:
                report = import_services(handle, progress=bar.update)
        except MissingColumnsError as error:
            raise CommandError(str(error)) from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{csv_file} is not UTF-8 text ({error.reason}).") from error
        finally:
            bar.close()

        self.stdout.write(
            f"Created: {report.created}, updated: {report.updated}, "
            f"unchanged: {report.unchanged}, rejected: {report.rejected}"
        )
        for row_number, reason in report.rejections:
            self.stdout.write(f"  Row {row_number}: {reason}")
        if report.rejected > len(report.rejections):
            self.stdout.write(f"  … and {report.rejected - len(report.rejections)} more rejected rows")
        if report.rejected:
            self.stdout.write(self.style.WARNING("Some rows were rejected; the rest were imported."))
        else:
            self.stdout.write(self.style.SUCCESS("Import complete."))
