# source: pandas-dev/pandas doc/source/user_guide/merging.rst, "Brief primer on merge methods"
# licence: BSD-3-Clause (pandas documentation)
# does: merge on one and two keys with left/right/outer/inner/cross, a MultiIndex Series merged after reset_index, duplicate keys
# adapted: results printed (the page draws them as pictures)
import pandas as pd

left = pd.DataFrame(
    {
        "key": ["K0", "K1", "K2", "K3"],
        "A": ["A0", "A1", "A2", "A3"],
        "B": ["B0", "B1", "B2", "B3"],
    }
)
right = pd.DataFrame(
    {
        "key": ["K0", "K1", "K2", "K3"],
        "C": ["C0", "C1", "C2", "C3"],
        "D": ["D0", "D1", "D2", "D3"],
    }
)
result = pd.merge(left, right, on="key")
print(result)

left = pd.DataFrame(
    {
        "key1": ["K0", "K0", "K1", "K2"],
        "key2": ["K0", "K1", "K0", "K1"],
        "A": ["A0", "A1", "A2", "A3"],
        "B": ["B0", "B1", "B2", "B3"],
    }
)
right = pd.DataFrame(
    {
        "key1": ["K0", "K1", "K1", "K2"],
        "key2": ["K0", "K0", "K0", "K0"],
        "C": ["C0", "C1", "C2", "C3"],
        "D": ["D0", "D1", "D2", "D3"],
    }
)
result = pd.merge(left, right, on=["key1", "key2"])
print(result)
for how in ("left", "right", "outer", "inner"):
    result = pd.merge(left, right, how=how, on=["key1", "key2"])
    print(result)
result = pd.merge(left, right, how="cross")
print(result)

df = pd.DataFrame({"Let": ["A", "B", "C"], "Num": [1, 2, 3]})
print(df)
ser = pd.Series(
    ["a", "b", "c", "d", "e", "f"],
    index=pd.MultiIndex.from_arrays(
        [["A", "B", "C"] * 2, [1, 2, 3, 4, 5, 6]], names=["Let", "Num"]
    ),
)
print(ser)
print(pd.merge(df, ser.reset_index(), on=["Let", "Num"]))

left = pd.DataFrame({"A": [1, 2], "B": [2, 2]})
right = pd.DataFrame({"A": [4, 5, 6], "B": [2, 2, 2]})
result = pd.merge(left, right, on="B", how="outer")
print(result)
