# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "GroupBy sorting" and "GroupBy dropna"
# licence: BSD-3-Clause (pandas documentation)
# does: groupby with sort=False, get_group, and dropna=True/False
# adapted: interactive echoes wrapped in print(); get_group(("B",)) written get_group("B"), the form pandas 1.5 accepts
import pandas as pd

df2 = pd.DataFrame({"X": ["B", "B", "A", "A"], "Y": [1, 2, 3, 4]})
print(df2.groupby(["X"]).sum())
print(df2.groupby(["X"], sort=False).sum())

df3 = pd.DataFrame({"X": ["A", "B", "A", "B"], "Y": [1, 4, 3, 2]})
print(df3.groupby("X").get_group("A"))
print(df3.groupby(["X"]).get_group("B"))

df_list = [[1, 2, 3], [1, None, 4], [2, 1, 3], [1, 2, 2]]
df_dropna = pd.DataFrame(df_list, columns=["a", "b", "c"])
print(df_dropna)
# Default ``dropna`` is set to True, which will exclude NaNs in keys
print(df_dropna.groupby(by=["b"], dropna=True).sum())
# In order to allow NaN in keys, set ``dropna`` to False
print(df_dropna.groupby(by=["b"], dropna=False).sum())
