"""The rule scan reads a sheet part without the inside of its <sheetData>: what is around it
comes through whole, whatever the chunk boundaries, with or without a namespace prefix."""
import io

import pytest

from workbook_risks import _WithoutCells

RULE = b'<conditionalFormatting sqref="A1"><cfRule type="expression"><formula>WEBSERVICE("x")</formula></cfRule></conditionalFormatting>'


def part(prefix, rows):
    p = prefix + b":" if prefix else b""
    cells = b"".join(b'<%srow r="%d"><%sc r="A%d"><%sv>%d</%sv></%sc></%srow>' % (p, i, p, i, p, i, p, p, p) for i in range(1, rows + 1))
    return (b'<%sworksheet xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><%ssheetData>' % (p, (b":" + prefix) if prefix else b"", p)
            + cells + b"</%ssheetData>" % p + RULE.replace(b"<", b"<" + p).replace(b"<" + p + b"/", b"</" + p) + b"</%sworksheet>" % p)


def read_all(stream):
    out = io.BytesIO()
    while True:
        chunk = stream.read()
        if not chunk:
            return out.getvalue()
        out.write(chunk)


@pytest.mark.parametrize("prefix", [b"", b"x"])
@pytest.mark.parametrize("rows", [0, 3, 60000])
def test_keeps_all_but_the_cells(prefix, rows):
    data = part(prefix, rows)
    out = read_all(_WithoutCells(io.BytesIO(data)))
    p = prefix + b":" if prefix else b""
    assert out.startswith(data[:data.index(b"sheetData>") + len(b"sheetData>")])
    assert out.endswith(data[data.index(b"</" + p + b"sheetData>"):])
    assert b"<" + p + b"row" not in out
    assert len(data) > (1 << 20) or rows < 60000


def test_a_self_closing_sheet_data_passes_unchanged():
    data = b'<worksheet><sheetData/>' + RULE + b'</worksheet>'
    assert read_all(_WithoutCells(io.BytesIO(data))) == data
