# source: pandas-dev/pandas doc/source/user_guide/cookbook.rst, "Grouping" (apply to different items, expanding within groups, replacing with group mean, sorting groups by aggregate)
# licence: BSD-3-Clause (pandas documentation)
# does: groupby apply with a lambda per group, value of the smallest weight per animal, group means broadcast with transform, groups sorted by their sum, cumulative counts
# adapted: interactive echoes wrapped in print()
import numpy as np
import pandas as pd

df = pd.DataFrame(
    {
        "animal": "cat dog cat fish dog cat cat".split(),
        "size": list("SSMMMLL"),
        "weight": [8, 10, 11, 1, 20, 12, 12],
        "adult": [False] * 5 + [True] * 2,
    }
)
print(df)
# List the size of the animals with the highest weight.
print(df.groupby("animal")[["size", "weight"]].apply(lambda subf: subf["size"][subf["weight"].idxmax()]))
gb = df.groupby("animal")
print(gb.get_group("cat"))

def GrowUp(x):
    avg_weight = sum(x[x["size"] == "S"].weight * 1.5)
    avg_weight += sum(x[x["size"] == "M"].weight * 1.25)
    avg_weight += sum(x[x["size"] == "L"].weight)
    avg_weight /= len(x)
    return pd.Series(["L", avg_weight, True], index=["size", "weight", "adult"])

expected_df = gb[["size", "weight", "adult"]].apply(GrowUp)
print(expected_df)

df = pd.DataFrame({"A": [1, 1, 2, 2], "B": [1, -1, 1, 2]})
gb = df.groupby("A")

def replace(g):
    mask = g < 0
    return g.where(~mask, g[~mask].mean())

print(gb.transform(replace))

df = pd.DataFrame(
    {
        "code": ["foo", "bar", "baz"] * 2,
        "data": [0.16, -0.21, 0.33, 0.45, -0.59, 0.62],
        "flag": [False, True] * 3,
    }
)
code_groups = df.groupby("code")
agg_n_sort_order = code_groups[["data"]].transform("sum").sort_values(by="data")
sorted_df = df.loc[agg_n_sort_order.index]
print(sorted_df)

df = pd.DataFrame({"line_race": [10, 10, 8, 10, 10, 8], "beyer": [99, 102, 103, 103, 88, 100]},
                  index=["Last Gunfighter", "Last Gunfighter", "Last Gunfighter", "Paynter", "Paynter", "Paynter"])
print(df)
df["beyer_shifted"] = df.groupby(level=0)["beyer"].shift(1)
print(df)
df = pd.DataFrame({"host": ["other", "other", "that", "this", "this"],
                   "service": ["mail", "web", "mail", "mail", "web"],
                   "no": [1, 2, 1, 2, 1]}).set_index(["host", "service"])
mask = df.groupby(level=0).agg("idxmax")
df_count = df.loc[mask["no"]].reset_index()
print(df_count)
df = pd.DataFrame([0, 1, 0, 1, 1, 1, 0, 1, 1], columns=["A"])
print(df["A"].groupby((df["A"] != df["A"].shift()).cumsum()).groups)
print(df["A"].groupby((df["A"] != df["A"].shift()).cumsum()).cumsum())
