"""Writes three workbooks with a `Basesheet` table of N rows each (10 columns in different
orders, south with an 11th, like the fixtures) for benchmarks: python3 make_stack_inputs.py OUT_DIR ROWS
Write-only workbooks: rows go to disk as they are appended, so 333,334 rows per file
take seconds and little memory."""
import datetime
import os
import random
import sys

import openpyxl
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn

ORDERS = {
    "north.xlsx": ["Region", "Date", "Product", "Sales", "Units", "Price", "Discount", "Customer", "Rep", "Shipped"],
    "south.xlsx": ["Product", "Region", "Sales", "Units", "Date", "Channel", "Customer", "Price", "Shipped", "Rep", "Discount"],
    "west.xlsx": ["Units", "Sales", "Date", "Product", "Region", "Rep", "Discount", "Shipped", "Price", "Customer"],
}


def main(out_dir, rows):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(7)
    for name, columns in ORDERS.items():
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Data")
        ws.append(columns)
        for i in range(rows):
            record = {
                "Region": name.split(".")[0].title(), "Date": datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 365),
                "Product": "P%03d" % rng.randrange(200), "Sales": rng.randrange(10, 5000), "Units": rng.randrange(1, 50),
                "Channel": rng.choice(["Web", "Store"]),
                "Price": round(rng.uniform(1, 500), 2), "Discount": rng.choice([0, 0.05, 0.1, 0.15]),
                "Customer": "Customer %05d" % rng.randrange(20000), "Rep": rng.choice(["Ana", "Ben", "Chloé", "Dev", "Eli"]),
                "Shipped": rng.random() < 0.8,
            }
            ws.append([record[c] for c in columns])
        last = openpyxl.utils.get_column_letter(len(columns))
        ref = "A1:%s%d" % (last, rows + 1)
        # Write-only sheets do not fill table columns in from the cells: name them here.
        ws.add_table(Table(displayName="Basesheet", ref=ref, autoFilter=AutoFilter(ref=ref),
                           tableColumns=[TableColumn(id=i + 1, name=c) for i, c in enumerate(columns)]))
        wb.save(os.path.join(out_dir, name))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
