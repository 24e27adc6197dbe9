"""A tiny PDF writer for demo documents and tests: real, valid files, with no dependency.

Text is set in the standard Helvetica font, which every PDF reader has, so
nothing is embedded. Characters outside Latin-1 are replaced.
"""

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LEFT_MARGIN, TOP = 56, 780
LINES_PER_PAGE = 40

_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def _pdf_text(text: str) -> str:
    text = text.translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(title: str, lines: list[str], page: int, pages: int) -> bytes:
    commands = ["BT", f"/F1 18 Tf {LEFT_MARGIN} {TOP} Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf 0 -30 Td"]
    for line in lines:
        commands += [f"({_pdf_text(line)}) Tj", "0 -16 Td"]
    commands += [
        f"/F1 9 Tf 0 {-(LINES_PER_PAGE - len(lines)) * 16 - 20} Td",
        f"(Page {page} of {pages}) Tj",
        "ET",
    ]
    return "\n".join(commands).encode("latin-1")


def make_pdf(title: str, lines: list[str] | None = None, *, pages: int | None = None) -> bytes:
    """A valid PDF with the title on each page and the lines spread over the pages."""
    lines = list(lines or [])
    chunks = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    while pages and len(chunks) < pages:
        chunks.append([])
    count = len(chunks)

    # Object numbers: 1 catalog, 2 pages, 3 font, 4 info, then a page and its content per page.
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: f"<< /Title ({_pdf_text(title)}) /Producer (Care Inspectorate demo) >>".encode("latin-1"),
    }
    kids = []
    for index, chunk in enumerate(chunks):
        page_number, content_number = 5 + 2 * index, 6 + 2 * index
        kids.append(f"{page_number} 0 R")
        objects[page_number] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>"
        ).encode()
        stream = _page_stream(title, chunk, index + 1, count)
        objects[content_number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(output)
        output += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(output)
    size = max(objects) + 1
    output += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        output += b"%010d 00000 n \n" % offsets[number]
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(output)
