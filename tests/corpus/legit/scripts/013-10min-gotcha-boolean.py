# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Gotchas"
# licence: BSD-3-Clause (pandas documentation)
# does: shows the ValueError raised by the truth value of a Series
# adapted: the :okexcept: block wrapped in try/except so the script goes on and prints the message
import pandas as pd

try:
    if pd.Series([False, True, False]):
        print("I was true")
except ValueError as exc:
    print(exc)
