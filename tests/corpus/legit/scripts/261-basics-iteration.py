# source: pandas-dev/pandas doc/source/user_guide/basics.rst, "Iteration" (items, iterrows, itertuples)
# licence: BSD-3-Clause (pandas documentation)
# does: iterates over columns, rows as Series and rows as namedtuples, reading fields with getattr
# adapted: interactive echoes wrapped in print(); the getattr(row, col) loop over itertuples added from the page's note that fields are accessible by name
import pandas as pd

df = pd.DataFrame({"col1": ["a", "b", "c"], "col2": [1, 2, 3]})
for label, ser in df.items():
    print(label)
    print(ser)
for row_index, row in df.iterrows():
    print(row_index, row, sep="\n")
df_orig = pd.DataFrame([[1, 1.5]], columns=["int", "float"])
row = next(df_orig.iterrows())[1]
print(row)
print(row["int"].dtype)
print(df_orig["int"].dtype)
df2 = pd.DataFrame({"x": [1, 2, 3], "y": [4, 5, 6]})
print(df2.T)
df2_t = pd.DataFrame({idx: values for idx, values in df2.iterrows()})
print(df2_t)
for row in df.itertuples():
    print(row)
for row in df.itertuples(index=False):
    for col in df.columns:
        print(col, getattr(row, col))
