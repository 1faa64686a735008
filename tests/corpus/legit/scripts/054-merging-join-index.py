# source: pandas-dev/pandas doc/source/user_guide/merging.rst, "Joining on index" and "Joining key columns on an index"
# licence: BSD-3-Clause (pandas documentation)
# does: DataFrame.join (left, outer, inner), merge on indexes, join on a key column and on two keys against a MultiIndex
# adapted: results printed (the page draws them as pictures)
import pandas as pd

left = pd.DataFrame(
    {"A": ["A0", "A1", "A2"], "B": ["B0", "B1", "B2"]}, index=["K0", "K1", "K2"]
)
right = pd.DataFrame(
    {"C": ["C0", "C2", "C3"], "D": ["D0", "D2", "D3"]}, index=["K0", "K2", "K3"]
)
result = left.join(right)
print(result)
result = left.join(right, how="outer")
print(result)
result = left.join(right, how="inner")
print(result)
result = pd.merge(left, right, left_index=True, right_index=True, how="outer")
print(result)
result = pd.merge(left, right, left_index=True, right_index=True, how="inner")
print(result)

left = pd.DataFrame(
    {
        "A": ["A0", "A1", "A2", "A3"],
        "B": ["B0", "B1", "B2", "B3"],
        "key": ["K0", "K1", "K0", "K1"],
    }
)
right = pd.DataFrame({"C": ["C0", "C1"], "D": ["D0", "D1"]}, index=["K0", "K1"])
result = left.join(right, on="key")
print(result)
result = pd.merge(left, right, left_on="key", right_index=True, how="left", sort=False)
print(result)

left = pd.DataFrame(
    {
        "A": ["A0", "A1", "A2", "A3"],
        "B": ["B0", "B1", "B2", "B3"],
        "key1": ["K0", "K0", "K1", "K2"],
        "key2": ["K0", "K1", "K0", "K1"],
    }
)
index = pd.MultiIndex.from_tuples(
    [("K0", "K0"), ("K1", "K0"), ("K2", "K0"), ("K2", "K1")]
)
right = pd.DataFrame(
    {"C": ["C0", "C1", "C2", "C3"], "D": ["D0", "D1", "D2", "D3"]}, index=index
)
result = left.join(right, on=["key1", "key2"])
print(result)
