"""The regulator's open-data "datastore" CSV: reading it into the register and writing it back out.

``columns`` says what each column means in the register; ``rows`` turns one CSV
row into checked values; ``importing`` compares each batch of rows with the
register and writes only what changed; ``exporting`` writes the register back
out in the same format.
"""

from .exporting import export_rows
from .importing import MissingColumnsError, import_services

__all__ = ["MissingColumnsError", "export_rows", "import_services"]
