# source: pandas-dev/pandas doc/source/user_guide/io.rst, "Writing Excel files" (to_excel, ExcelWriter, several sheets, engine, index_label, merge_cells)
# licence: BSD-3-Clause (pandas documentation)
# does: writes frames to one and several sheets with ExcelWriter, with index labels and a MultiIndex, then reads them back
# adapted: path_to_file.xlsx written to /output/; df1/df2 are slices of /input/sales.csv; reading back printed
import pandas as pd

sales = pd.read_csv("/input/sales.csv", parse_dates=["Date"])
df = sales.head(20)
df.to_excel("/output/path_to_file.xlsx", sheet_name="Sheet1")
df1 = sales[sales.Region == "North"]
df2 = sales.groupby(["Region", "Product"])[["Units", "Sales"]].sum()
with pd.ExcelWriter("/output/path_to_file2.xlsx") as writer:
    df1.to_excel(writer, sheet_name="Sheet1")
    df2.to_excel(writer, sheet_name="Sheet2")
df2.to_excel("/output/merged.xlsx", merge_cells=False, index_label=["region", "product"])
df.to_excel("/output/openpyxl_engine.xlsx", sheet_name="Sheet1", engine="openpyxl", index=False)
print(pd.read_excel("/output/path_to_file2.xlsx", sheet_name=None, index_col=0)["Sheet1"].shape)
print(pd.read_excel("/output/path_to_file2.xlsx", sheet_name="Sheet2", index_col=[0, 1]).head())
