# source: pandas-dev/pandas doc/source/user_guide/cookbook.rst, "Idioms" (if-then, splitting, building criteria, selection)
# licence: BSD-3-Clause (pandas documentation)
# does: if-then with loc, where with a mask, np.where, splitting a frame by a mask, and/or criteria, closest value, dynamic criteria with functools.reduce
# adapted: interactive echoes wrapped in print()
import functools

import numpy as np
import pandas as pd

df = pd.DataFrame(
    {"AAA": [4, 5, 6, 7], "BBB": [10, 20, 30, 40], "CCC": [100, 50, -30, -50]}
)
print(df)
df.loc[df.AAA >= 5, "BBB"] = -1
print(df)
df.loc[df.AAA >= 5, ["BBB", "CCC"]] = 555
print(df)
df.loc[df.AAA < 5, ["BBB", "CCC"]] = 2000
print(df)
df_mask = pd.DataFrame(
    {"AAA": [True] * 4, "BBB": [False] * 4, "CCC": [True, False] * 2}
)
print(df.where(df_mask, -1000))
df = pd.DataFrame(
    {"AAA": [4, 5, 6, 7], "BBB": [10, 20, 30, 40], "CCC": [100, 50, -30, -50]}
)
df["logic"] = np.where(df["AAA"] > 5, "high", "low")
print(df)
df = pd.DataFrame(
    {"AAA": [4, 5, 6, 7], "BBB": [10, 20, 30, 40], "CCC": [100, 50, -30, -50]}
)
print(df[df.AAA <= 5])
print(df[df.AAA > 5])
print(df.loc[(df["BBB"] < 25) & (df["CCC"] >= -40), "AAA"])
print(df.loc[(df["BBB"] > 25) | (df["CCC"] >= -40), "AAA"])
df.loc[(df["BBB"] > 25) | (df["CCC"] >= 75), "AAA"] = 999
print(df)
df = pd.DataFrame(
    {"AAA": [4, 5, 6, 7], "BBB": [10, 20, 30, 40], "CCC": [100, 50, -30, -50]}
)
aValue = 43.0
print(df.loc[(df.CCC - aValue).abs().argsort()])
Crit1 = df.AAA <= 5.5
Crit2 = df.BBB == 10.0
Crit3 = df.CCC > -40.0
AllCrit = Crit1 & Crit2 & Crit3
CritList = [Crit1, Crit2, Crit3]
AllCrit = functools.reduce(lambda x, y: x & y, CritList)
print(df[AllCrit])
df = pd.DataFrame(
    {"AAA": [4, 5, 6, 7], "BBB": [10, 20, 30, 40], "CCC": [100, 50, -30, -50]},
    index=["foo", "bar", "boo", "kar"],
)
print(df.loc["bar":"kar"])  # Label
# Generic
print(df[0:3])
print(df["bar":"kar"])
print(df[~((df.AAA <= 6) & (df.index.isin([0, 2, 4])))])
