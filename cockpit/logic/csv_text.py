"""CSV as spreadsheets write and read it (shared by every CSV export and import).

*Writing.*  A CSV file gets a UTF-8 byte-order mark: without it Excel on Windows, opening the file by a
double click, reads it in the local code page and ``Müller`` or ``数据`` come out garbled.  Text written
to standard output (a pipe) has none.
*Reading.*  A byte-order mark is dropped; the delimiter is the one an Excel ``sep=;`` first line names,
or else the one of ``,`` ``;`` and tab that splits the header row into the most columns (a sheet saved
in a locale with a decimal comma uses ``;``), a comma when they tie.
"""

import csv
import io
import re

BOM = "\ufeff"
DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r'"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)', re.IGNORECASE)


def for_file(text: str, bom: bool = True) -> str:
    """``text`` as written to a file: with the byte-order mark unless ``bom`` is False."""
    return BOM + text.removeprefix(BOM) if bom else text


def header_delimiter(line: str) -> str:
    """The delimiter of ``,`` ``;`` tab that splits the header ``line`` into the most columns."""
    best, most = ",", 0
    for delimiter in DELIMITERS:
        try:
            count = len(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:
            continue
        if count > most:
            best, most = delimiter, count
    return best


def read_rows(text: str) -> list[list[str]]:
    """The rows of a CSV text; raises ``csv.Error`` for malformed CSV."""
    text = text.removeprefix(BOM)
    sep = _SEP_LINE.match(text)
    if sep and sep.group(1) in DELIMITERS:
        delimiter, text = sep.group(1), text[sep.end():]
    else:
        delimiter = header_delimiter(text.splitlines()[0] if text else "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
