# source: pandas-dev/pandas doc/source/user_guide/text.rst, "Indexing with .str" and "Extracting substrings"
# licence: BSD-3-Clause (pandas documentation)
# does: positional str indexing, extract with groups, named and optional groups, on an Index, the ValueError for expand=False
# adapted: dtype="str" (the pandas 3 alias) left out: pandas 1.5, installed here, keeps text as object; interactive echoes wrapped in print(); the :okexcept: call wrapped in try/except, its message printed
import numpy as np
import pandas as pd

s = pd.Series(
    ["A", "B", "C", "Aaba", "Baca", np.nan, "CABA", "dog", "cat"]
)
print(s.str[0])
print(s.str[1])
print(pd.Series(
    ["a1", "b2", "c3"],
).str.extract(r"([ab])(\d)", expand=False))
print(pd.Series(["a1", "b2", "c3"]).str.extract(
    r"(?P<letter>[ab])(?P<digit>\d)", expand=False
))
print(pd.Series(
    ["a1", "b2", "3"],
).str.extract(r"([ab])?(\d)", expand=False))
print(pd.Series(["a1", "b2", "c3"]).str.extract(r"[ab](\d)", expand=True))
print(pd.Series(["a1", "b2", "c3"]).str.extract(r"[ab](\d)", expand=False))
s = pd.Series(["a1", "b2", "c3"], ["A11", "B22", "C33"])
print(s)
print(s.index.str.extract("(?P<letter>[a-zA-Z])", expand=True))
print(s.index.str.extract("(?P<letter>[a-zA-Z])", expand=False))
print(s.index.str.extract("(?P<letter>[a-zA-Z])([0-9]+)", expand=True))
try:
    s.index.str.extract("(?P<letter>[a-zA-Z])([0-9]+)", expand=False)
except ValueError as exc:
    print("ValueError:", exc)
