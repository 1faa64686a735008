# source: pandas-dev/pandas doc/source/user_guide/io.rst, "Excel files" ("Reading Excel files", "ExcelFile class", "Specifying sheets", "Parsing specific columns")
# licence: BSD-3-Clause (pandas documentation)
# does: read_excel of one sheet, ExcelFile as a context manager, several sheets, all sheets, usecols as letters and a callable, index_col, parse_dates
# adapted: path_to_file.xls / Sheet1 / Sheet2 replaced by the generated /input/sales.xlsx (sheets Sales, Targets) and /input/regions.xlsx; results printed
import pandas as pd

print(pd.read_excel("/input/sales.xlsx", sheet_name="Sales").head())
xlsx = pd.ExcelFile("/input/sales.xlsx")
df = pd.read_excel(xlsx, "Targets")
print(df)
with pd.ExcelFile("/input/regions.xlsx") as xls:
    df1 = pd.read_excel(xls, "North")
    df2 = pd.read_excel(xls, "South")
print(len(df1), len(df2))
data = {}
# For when Sheet1's format differs from Sheet2
with pd.ExcelFile("/input/regions.xlsx") as xls:
    data["North"] = pd.read_excel(xls, "North", index_col=None, na_values=["NA"])
    data["East"] = pd.read_excel(xls, "East", index_col=1)
print(data["East"].head())
# Returns a DataFrame
print(pd.read_excel("/input/regions.xlsx", sheet_name=0, index_col=None, na_values=["NA"]).shape)
# Returns a dictionary of DataFrames
print({k: v.shape for k, v in pd.read_excel("/input/regions.xlsx", sheet_name=["West", 1]).items()})
# Returns a dictionary of DataFrames
print(sorted(pd.read_excel("/input/regions.xlsx", sheet_name=None)))
print(pd.read_excel("/input/sales.xlsx", "Sales", usecols="A,C:E").head())
print(pd.read_excel("/input/sales.xlsx", "Sales", usecols=[0, 2, 3]).head())
print(pd.read_excel("/input/sales.xlsx", "Sales", usecols=lambda x: x.isalpha()).columns.tolist())
print(pd.read_excel("/input/sales.xlsx", "Sales", parse_dates=["Date"]).dtypes)
print(pd.read_excel("/input/sales.xlsx", "Sales", converters={"Region": str.upper}).Region.unique())
print(pd.read_excel("/input/sales.xlsx", "Sales", dtype={"Units": "Int64", "Rep": str}).dtypes)
