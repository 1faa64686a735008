# source: pandas-dev/pandas doc/source/user_guide/text.rst, "Concatenation"
# licence: BSD-3-Clause (pandas documentation)
# does: str.cat with separators, na_rep, list-likes, frames, alignment with join
# adapted: dtype="str" (the pandas 3 alias) left out: pandas 1.5, installed here, keeps text as object; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

s = pd.Series(["a", "b", "c", "d"])
print(s.str.cat(sep=","))
print(s.str.cat())
t = pd.Series(["a", "b", np.nan, "d"])
print(t.str.cat(sep=","))
print(t.str.cat(sep=",", na_rep="-"))
print(s.str.cat(["A", "B", "C", "D"]))
print(s.str.cat(t))
print(s.str.cat(t, na_rep="-"))
d = pd.concat([t, s], axis=1)
print(d)
print(s.str.cat(d, na_rep="-"))
u = pd.Series(["b", "d", "a", "c"], index=[1, 3, 0, 2])
print(s.str.cat(u))
print(s.str.cat(u, join="left"))
v = pd.Series(["z", "a", "b", "d", "e"], index=[-1, 0, 1, 3, 4])
print(s.str.cat(v, join="left", na_rep="-"))
print(s.str.cat(v, join="outer", na_rep="-"))
f = d.loc[[3, 2, 1, 0], :]
print(s.str.cat(f, join="left", na_rep="-"))
print(s.str.cat([u, u.to_numpy()], join="left"))
print(s.str.cat([v, u, u.to_numpy()], join="outer", na_rep="-"))
print(s.str.cat([u.loc[[3]], v.loc[[-1, 0]]], join="right", na_rep="-"))
