# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Cross tabulations"
# licence: BSD-3-Clause (pandas documentation)
# does: crosstab of object arrays with row and column names
# adapted: interactive echoes wrapped in print()
import numpy as np
import pandas as pd

foo, bar, dull, shiny, one, two = "foo", "bar", "dull", "shiny", "one", "two"
a = np.array([foo, foo, bar, bar, foo, foo], dtype=object)
b = np.array([one, one, two, one, two, one], dtype=object)
c = np.array([dull, dull, shiny, dull, dull, shiny], dtype=object)
print(pd.crosstab(a, [b, c], rownames=["a"], colnames=["b", "c"]))
