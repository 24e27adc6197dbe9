"""Checks and facts about uploaded files: image safety, a document's format, size and pages."""

import logging
import mimetypes
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Far above any photograph a page needs (40 megapixels), far below what
# would exhaust a worker's memory when the image is decoded.
MAX_IMAGE_PIXELS = 40_000_000

FORMAT_NAMES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "ODT",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ods": "ODS",
    ".csv": "CSV",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".rtf": "RTF",
    ".txt": "Text",
    ".zip": "ZIP",
    ".mp4": "MP4",
}


def validate_image_size(file):
    """Refuse decompression bombs: files small on disk that decode to huge bitmaps.

    Pillow warns past ``Image.MAX_IMAGE_PIXELS`` and refuses at twice that; the
    warning is made an error here and a tighter limit applied, so a bomb is a
    form error rather than a worker out of memory.
    """
    if getattr(file, "_committed", False):
        return  # already stored, so already checked
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "This image is far too large in pixels to be safe to process.", code="image_too_large"
        ) from error
    except Exception as error:  # Pillow raises many kinds for a file that is not an image.
        raise ValidationError("Upload a valid image.", code="invalid_image") from error
    finally:
        if position is not None:
            file.seek(position)
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels; the most allowed is %(limit)s megapixels.",
            code="image_too_large",
            params={"width": width, "height": height, "limit": MAX_IMAGE_PIXELS // 1_000_000},
        )


@dataclass(frozen=True)
class DocumentFacts:
    file_format: str
    content_type: str
    size: int
    page_count: int | None


def describe_document(file) -> DocumentFacts:
    """Format, type, size and (for PDFs) page count of an uploaded or generated file."""
    suffix = PurePath(file.name).suffix.lower()
    file_format = FORMAT_NAMES.get(suffix, suffix.lstrip(".").upper() or "File")
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    size = file.size
    page_count = pdf_page_count(file) if suffix == ".pdf" else None
    return DocumentFacts(file_format, content_type, size, page_count)


def pdf_page_count(file) -> int | None:
    """Pages in a PDF, or None when the file cannot be read as one."""
    try:
        file.seek(0)
        count = len(PdfReader(file, strict=False).pages)
    except Exception:  # a damaged or encrypted PDF is still a document people may want
        logger.warning("Could not count the pages of %s", file.name, exc_info=True)
        count = None
    finally:
        file.seek(0)
    return count
