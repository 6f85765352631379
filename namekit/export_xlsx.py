"""The `xlsx` export: the alias table as a workbook, byte-identical for the same rows.

openpyxl stamps the save time into the document properties and into every zip entry, so
the workbook is rebuilt with a fixed time: the same tables must give the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from namekit.aliases import COLUMNS, AliasRow, sorted_rows
from namekit.errors import MissingDependencyError
from namekit.spreadsheet import escape_formula

_FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def alias_workbook(rows: Sequence[AliasRow], *, escape: bool = True) -> bytes:
    """The alias rows as an .xlsx file (one sheet, `aliases`), as bytes."""
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs in the env
    except ImportError:
        raise MissingDependencyError(
            "the xlsx format needs openpyxl: pip install 'namekit[xlsx]'"
        ) from None
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "aliases"
    sheet.append(list(COLUMNS))
    for row in sorted_rows(rows):
        values = [row.as_record()[c] for c in COLUMNS]
        sheet.append([escape_formula(v) if escape else v for v in values])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            # Text, never a formula, even unescaped: openpyxl would store "=..." as one.
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    workbook.properties.creator = "namekit"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated _ZIP_TIME and the document dates fixed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
