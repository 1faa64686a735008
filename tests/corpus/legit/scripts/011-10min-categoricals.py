# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Categoricals"
# licence: BSD-3-Clause (pandas documentation)
# does: astype("category"), rename_categories, set_categories, sort and group by category
# adapted: echoes wrapped in print()
import pandas as pd

df = pd.DataFrame(
    {"id": [1, 2, 3, 4, 5, 6], "raw_grade": ["a", "b", "b", "a", "a", "e"]}
)
df["grade"] = df["raw_grade"].astype("category")
print(df["grade"])
new_categories = ["very good", "good", "very bad"]
df["grade"] = df["grade"].cat.rename_categories(new_categories)
df["grade"] = df["grade"].cat.set_categories(
    ["very bad", "bad", "medium", "good", "very good"]
)
print(df["grade"])
print(df.sort_values(by="grade"))
print(df.groupby("grade", observed=False).size())
