# source: pandas-dev/pandas doc/source/user_guide/timedeltas.rst (parsing, to_timedelta, operations, reductions, frequency conversion, attributes)
# licence: BSD-3-Clause (pandas documentation)
# does: Timedelta from strings and keywords, to_timedelta, arithmetic with dates, min/max/mean, division by units, components, isoformat, timedelta_range
# adapted: interactive echoes wrapped in print()
import datetime

import numpy as np
import pandas as pd

# strings
print(pd.Timedelta("1 days"))
print(pd.Timedelta("1 days 00:00:00"))
print(pd.Timedelta("1 days 2 hours"))
print(pd.Timedelta("-1 days 2 min 3us"))
# like datetime.timedelta
# note: these MUST be specified as keyword arguments
print(pd.Timedelta(days=1, seconds=1))
# integers with a unit
print(pd.Timedelta(1, unit="d"))
# from a datetime.timedelta/np.timedelta64
print(pd.Timedelta(datetime.timedelta(days=1, seconds=1)))
print(pd.Timedelta(np.timedelta64(1, "ms")))
# negative Timedeltas have this string repr
# to be more consistent with datetime.timedelta conventions
print(pd.Timedelta("-1us"))
# a NaT
print(pd.Timedelta("nan"))
print(pd.Timedelta("nat"))
# ISO 8601 Duration strings
print(pd.Timedelta("P0DT0H1M0S"))
print(pd.Timedelta("P0DT0H0M0.000000123S"))
print(pd.Timedelta(pd.offsets.Second(2)))
print(pd.Timedelta(pd.offsets.Day(2)) + pd.Timedelta(pd.offsets.Second(2)) + pd.Timedelta("00:00:00.000123"))
print(pd.to_timedelta("1 days 06:05:01.00003"))
print(pd.to_timedelta("15.5us"))
print(pd.to_timedelta(["1 days 06:05:01.00003", "15.5us", "nan"]))
print(pd.to_timedelta(np.arange(5), unit="s"))
print(pd.to_timedelta(np.arange(5), unit="d"))
s = pd.Series(pd.date_range("2012-1-1", periods=3, freq="D"))
td = pd.Series([pd.Timedelta(days=i) for i in range(3)])
df = pd.DataFrame({"A": s, "B": td})
print(df)
df["C"] = df["A"] + df["B"]
print(df)
print(df.dtypes)
print(s - s.max())
print(s - datetime.datetime(2011, 1, 1, 3, 5))
print(s + datetime.timedelta(minutes=5))
print(s + pd.offsets.Minute(5))
print(s + pd.offsets.Minute(5) + pd.offsets.Milli(5))
y = s - s[0]
print(y)
y = s - s.shift()
print(y)
y[1] = np.nan
print(y)
print(-1 * td)
print(abs(-1 * td))
y2 = pd.Series(pd.to_timedelta(["-1 days +00:00:05", "nat", "-1 days +00:00:05", "1 days"]))
print(y2)
print(y2.mean())
print(y2.median())
print(y2.quantile(0.1))
print(y2.sum())
december = pd.Series(pd.date_range("20121201", periods=4))
january = pd.Series(pd.date_range("20130101", periods=4))
td = january - december
td[2] += datetime.timedelta(minutes=5, seconds=3)
td[3] = np.nan
print(td)
# to days
print(td / np.timedelta64(1, "D"))
# to seconds
print(td / np.timedelta64(1, "s"))
print(td // pd.Timedelta(days=3, hours=4))
print(pd.Timedelta(days=6, minutes=50, seconds=3, milliseconds=10, microseconds=10, nanoseconds=12).components)
print(pd.Timedelta(days=6, minutes=50, seconds=3, milliseconds=10, microseconds=10, nanoseconds=12).isoformat())
print(pd.timedelta_range(start="1 days", periods=5))
print(pd.timedelta_range(start="1 days", end="5 days"))
print(pd.timedelta_range(start="1 days", end="2 days", freq="8H"))
print(pd.timedelta_range(start="1 day", end="2 days", periods=5))
