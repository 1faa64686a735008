# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Time series"
# licence: BSD-3-Clause (pandas documentation)
# does: resample to 5 minutes, tz_localize, tz_convert, business-day offsets
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
rng = pd.date_range("1/1/2012", periods=100, freq="S")
ts = pd.Series(np.random.randint(0, 500, len(rng)), index=rng)
print(ts.resample("5Min").sum())
rng = pd.date_range("3/6/2012 00:00", periods=5, freq="D")
ts = pd.Series(np.random.randn(len(rng)), rng)
print(ts)
ts_utc = ts.tz_localize("UTC")
print(ts_utc)
print(ts_utc.tz_convert("US/Eastern"))
print(rng)
print(rng + pd.offsets.BusinessDay(5))
