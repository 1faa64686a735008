# source: pandas-dev/pandas doc/source/getting_started/comparison/comparison_with_spreadsheets.rst and its includes/*.rst (merging, fill handle, drop duplicates, pivot tables)
# licence: BSD-3-Clause (pandas documentation)
# does: VLOOKUP-style merges, a fill-handle series, removing duplicates, and the average tip by party size and sex as a pivot table
# adapted: np.random.seed(0) added; tips read from /input/tips.csv; the anti joins (pandas 3 only) left out; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
tips = pd.read_csv("/input/tips.csv")
df1 = pd.DataFrame({"key": ["A", "B", "C", "D"], "value": np.random.randn(4)})
print(df1)
df2 = pd.DataFrame({"key": ["B", "D", "D", "E"], "value": np.random.randn(4)})
print(df2)
inner_join = df1.merge(df2, on=["key"], how="inner")
print(inner_join)
left_join = df1.merge(df2, on=["key"], how="left")
print(left_join)
right_join = df1.merge(df2, on=["key"], how="right")
print(right_join)
outer_join = df1.merge(df2, on=["key"], how="outer")
print(outer_join)
df = pd.DataFrame({"AAA": [1] * 8, "BBB": list(range(0, 8))})
print(df)
series = list(range(1, 5))
print(series)
df.loc[2:5, "AAA"] = series
print(df)
df = pd.DataFrame(
    {
        "class": ["A", "A", "A", "B", "C", "D"],
        "student_count": [42, 35, 42, 50, 47, 45],
        "all_pass": ["Yes", "Yes", "Yes", "No", "No", "Yes"],
    }
)
print(df.drop_duplicates())
print(df.drop_duplicates(["class", "student_count"]))
print(pd.pivot_table(tips, values="tip", index=["size"], columns=["sex"], aggfunc=np.average))
