# source: pandas-dev/pandas doc/source/getting_started/comparison/comparison_with_spreadsheets.rst and its includes/*.rst (column operations, filtering, if/then, date functionality)
# licence: BSD-3-Clause (pandas documentation)
# does: the Excel-user guide on the tips table: derived columns, filters, a low/high bucket with np.where, YEAR/MONTH/next month/months between
# adapted: tips read from /input/tips.csv (generated, same columns) instead of the URL; interactive echoes wrapped in print(); the page's hidden drop() cells kept
import numpy as np
import pandas as pd

tips = pd.read_csv("/input/tips.csv")
print(tips)
tips["total_bill"] = tips["total_bill"] - 2
tips["new_bill"] = tips["total_bill"] / 2
print(tips)
tips = tips.drop("new_bill", axis=1)
print(tips[tips["total_bill"] > 10])
is_dinner = tips["time"] == "Dinner"
print(is_dinner)
print(is_dinner.value_counts())
print(tips[is_dinner])
tips["bucket"] = np.where(tips["total_bill"] < 10, "low", "high")
print(tips.head())
tips = tips.drop("bucket", axis=1)
tips["date1"] = pd.Timestamp("2013-01-15")
tips["date2"] = pd.Timestamp("2015-02-15")
tips["date1_year"] = tips["date1"].dt.year
tips["date2_month"] = tips["date2"].dt.month
tips["date1_next"] = tips["date1"] + pd.offsets.MonthBegin()
tips["months_between"] = tips["date2"].dt.to_period("M") - tips["date1"].dt.to_period(
    "M"
)
print(tips[["date1", "date2", "date1_year", "date2_month", "date1_next", "months_between"]])
tips = tips.drop(
    ["date1", "date2", "date1_year", "date2_month", "date1_next", "months_between"],
    axis=1,
)
tips.to_excel("/output/tips.xlsx")
tips_df = pd.read_excel("/output/tips.xlsx", index_col=0)
print(tips_df.shape)
