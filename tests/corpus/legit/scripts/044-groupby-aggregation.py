# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Aggregation"
# licence: BSD-3-Clause (pandas documentation)
# does: sum per group with and without as_index, on a small table of animals
# adapted: interactive echoes wrapped in print()
import pandas as pd

animals = pd.DataFrame(
    {
        "kind": ["cat", "dog", "cat", "dog"],
        "height": [9.1, 6.0, 9.5, 34.0],
        "weight": [7.9, 7.5, 9.9, 198.0],
    }
)
print(animals)
print(animals.groupby("kind").sum())
print(animals.groupby("kind", as_index=False).sum())
