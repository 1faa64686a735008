"""Write the inputs that the legitimate-script corpus reads, into one folder.

Deterministic (a fixed seed, fixed dates): the same folder every run, so plain
CPython and each sandbox read the very same bytes. Nothing binary is committed;
the harness calls write_inputs() into a temporary folder.

    /usr/bin/python3 tests/corpus/legit/make_inputs.py DIR
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

REGIONS = ["North", "South", "East", "West"]
PRODUCTS = ["Apples", "Bananas", "Cherries", "Dates", "Elderberries", "Figs"]
NAMES = ["Ana Silva", "bob smith", "Chloé Durand", "DAVID KIM", "eve o'neil", "Frank Müller",
         "Grace Hopper", "Heidi Klum", "Ivan Petrov", "Judy Garland"]
CITIES = ["Paris", "London", "Berlin", "Madrid", "Rome"]


def _sales_rows(rng: random.Random, count: int) -> list[list]:
    start = dt.date(2023, 1, 2)
    rows = []
    for i in range(count):
        day = start + dt.timedelta(days=rng.randrange(0, 365))
        units = rng.randrange(1, 50)
        price = round(rng.uniform(0.5, 9.5), 2)
        rows.append([1000 + i, day, rng.choice(REGIONS), rng.choice(PRODUCTS), units, price,
                     round(units * price, 2), rng.choice(NAMES)])
    return rows


SALES_HEADER = ["OrderID", "Date", "Region", "Product", "Units", "UnitPrice", "Sales", "Rep"]


def write_inputs(folder: str | Path) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240614)
    sales = _sales_rows(rng, 200)

    # sales.csv: the main table, ISO dates.
    with open(folder / "sales.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SALES_HEADER)
        for row in sales:
            writer.writerow([row[0], row[1].isoformat(), *row[2:]])

    # sales.xlsx: the same rows on sheet "Sales" as an Excel table, plus a Targets sheet.
    book = Workbook()
    sheet = book.active
    sheet.title = "Sales"
    sheet.append(SALES_HEADER)
    for row in sales:
        sheet.append(row)
    for cell in sheet["B"][1:]:
        cell.number_format = "yyyy-mm-dd"
    table = Table(displayName="SalesTable", ref=f"A1:H{len(sales) + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    sheet.add_table(table)
    targets = book.create_sheet("Targets")
    targets.append(["Region", "Target"])
    for i, region in enumerate(REGIONS):
        targets.append([region, 5000 + 1000 * i])
    book.save(folder / "sales.xlsx")

    # regions.xlsx: one sheet per region (several sheets to stack).
    book = Workbook()
    book.remove(book.active)
    for region in REGIONS:
        ws = book.create_sheet(region)
        ws.append(SALES_HEADER)
        for row in sales:
            if row[2] == region:
                ws.append(row)
    book.save(folder / "regions.xlsx")

    # missing.csv: gaps in numbers and text.
    with open(folder / "missing.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "age", "score", "city"])
        for i in range(40):
            age = "" if i % 7 == 3 else rng.randrange(18, 80)
            score = "" if i % 5 == 2 else round(rng.uniform(0, 100), 1)
            city = "" if i % 9 == 4 else rng.choice(CITIES)
            writer.writerow([i + 1, NAMES[i % len(NAMES)], age, score, city])

    # people.csv: text to clean (case, spaces, emails, phone numbers).
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "phone", "joined", "department"])
        for i, name in enumerate(NAMES * 3):
            user = name.lower().replace(" ", ".").replace("'", "")
            writer.writerow([f"  {name} ", f"{user}@example.com", f"+33 1 {rng.randrange(10, 99)} "
                             f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
                             (dt.date(2019, 1, 1) + dt.timedelta(days=37 * i)).strftime("%d/%m/%Y"),
                             rng.choice(["Sales", "IT", "HR", "Finance"])])

    # timeseries.csv: hourly readings over three weeks.
    with open(folder / "timeseries.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "sensor", "value"])
        start = dt.datetime(2024, 3, 1)
        for hour in range(24 * 21):
            for sensor in ("A", "B"):
                writer.writerow([(start + dt.timedelta(hours=hour)).isoformat(sep=" "), sensor,
                                 round(20 + 5 * rng.random() + (hour % 24) / 4, 2)])

    # grades.xlsx: a small header block above the table, merged title, formulas.
    book = Workbook()
    ws = book.active
    ws.title = "Grades"
    ws["A1"] = "Class grades 2024"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["Student", "Math", "Physics", "History", "Total"])
    for i, name in enumerate(NAMES):
        r = ws.max_row + 1
        ws.append([name, rng.randrange(40, 100), rng.randrange(40, 100), rng.randrange(40, 100),
                   f"=SUM(B{r}:D{r})"])
    book.save(folder / "grades.xlsx")

    # inventory.json: records.
    items = [{"sku": f"SKU-{i:03d}", "product": rng.choice(PRODUCTS), "qty": rng.randrange(0, 300),
              "warehouse": rng.choice(CITIES), "tags": rng.sample(["fresh", "bulk", "promo", "bio"], 2)}
             for i in range(30)]
    (folder / "inventory.json").write_text(json.dumps(items, indent=1), encoding="utf-8")

    # semicolon.csv: European style (semicolons, decimal commas), latin-1.
    with open(folder / "semicolon.csv", "w", newline="", encoding="latin-1") as handle:
        handle.write("Produit;Prix;Quantité\n")
        for product in PRODUCTS:
            handle.write(f"{product};{rng.randrange(1, 20)},{rng.randrange(0, 99):02d};{rng.randrange(1, 9)}\n")

    # notes.txt: free text, one entry per line.
    lines = [f"{dt.date(2024, 1, 1) + dt.timedelta(days=3 * i)} {rng.choice(NAMES)}: "
             f"ordered {rng.randrange(1, 9)} x {rng.choice(PRODUCTS)} (ref #{rng.randrange(100, 999)})"
             for i in range(40)]
    (folder / "notes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # tips.csv: the columns of pandas' tips test data set (values generated here).
    with open(folder / "tips.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["total_bill", "tip", "sex", "smoker", "day", "time", "size"])
        for _ in range(60):
            bill = round(rng.uniform(3, 50), 2)
            writer.writerow([bill, round(bill * rng.uniform(0.05, 0.25), 2), rng.choice(["Female", "Male"]),
                             rng.choice(["No", "Yes"]), rng.choice(["Thur", "Fri", "Sat", "Sun"]),
                             rng.choice(["Lunch", "Dinner"]), rng.randrange(1, 7)])
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_inputs.py DIR")
    print(write_inputs(sys.argv[1]))
