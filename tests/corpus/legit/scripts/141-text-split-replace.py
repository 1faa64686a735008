# source: pandas-dev/pandas doc/source/user_guide/text.rst, "Splitting and replacing strings"
# licence: BSD-3-Clause (pandas documentation)
# does: split with get/expand/n, rsplit, regex and literal replace, callable replacements, compiled patterns, removeprefix/removesuffix
# adapted: dtype="str" (the pandas 3 alias) left out: pandas 1.5, installed here, keeps text as object; interactive echoes wrapped in print()
import re

import numpy as np
import pandas as pd

s2 = pd.Series(["a_b_c", "c_d_e", np.nan, "f_g_h"])
print(s2.str.split("_"))
print(s2.str.split("_").str.get(1))
print(s2.str.split("_").str[1])
print(s2.str.split("_", expand=True))
print(s2.str.split("_", expand=True, n=1))
print(s2.str.rsplit("_", expand=True, n=1))
s3 = pd.Series(
    ["A", "B", "C", "Aaba", "Baca", "", np.nan, "CABA", "dog", "cat"],
)
print(s3)
print(s3.str.replace("^.a|dog", "XX-XX ", case=False, regex=True))
s4 = pd.Series(["a.b", ".", "b", np.nan, ""])
print(s4)
print(s4.str.replace(".", "a", regex=True))
dollars = pd.Series(["12", "-$10", "$10,000"])
# These lines are equivalent
print(dollars.str.replace(r"-\$", "-", regex=True))
print(dollars.str.replace("-$", "-", regex=False))
# Reverse every lowercase alphabetic word
pat = r"[a-z]+"

def repl(m):
    return m.group(0)[::-1]

print(pd.Series(["foo 123", "bar baz", np.nan]).str.replace(
    pat, repl, regex=True
))
# Using regex groups
pat = r"(?P<one>\w+) (?P<two>\w+) (?P<three>\w+)"

def repl(m):
    return m.group("two").swapcase()

print(pd.Series(["Foo Bar Baz", np.nan]).str.replace(
    pat, repl, regex=True
))
regex_pat = re.compile(r"^.a|dog", flags=re.IGNORECASE)
print(s3.str.replace(regex_pat, "XX-XX ", regex=True))
s = pd.Series(["str_foo", "str_bar", "no_prefix"])
print(s.str.removeprefix("str_"))
s = pd.Series(["foo_str", "bar_str", "no_suffix"])
print(s.str.removesuffix("_str"))
