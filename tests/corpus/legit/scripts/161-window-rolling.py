# source: pandas-dev/pandas doc/source/user_guide/window.rst, "Rolling window" (centering, endpoints, custom indexers, rolling apply)
# licence: BSD-3-Clause (pandas documentation)
# does: rolling by count and by offset, center, closed endpoints, VariableOffsetWindowIndexer, FixedForwardWindowIndexer, reversed rolling, rolling apply of a MAD
# adapted: get_window_bounds takes step=None, the argument pandas 1.5 passes (the page shows the signature of its own version); interactive echoes wrapped in print(); the CustomIndexer shown only as a code block is run too
import numpy as np
import pandas as pd
from pandas.api.indexers import BaseIndexer, FixedForwardWindowIndexer, VariableOffsetWindowIndexer

times = ["2020-01-01", "2020-01-03", "2020-01-04", "2020-01-05", "2020-01-29"]
s = pd.Series(range(5), index=pd.DatetimeIndex(times))
print(s)
# Window with 2 observations
print(s.rolling(window=2).sum())
# Window with 2 days worth of observations
print(s.rolling(window="2D").sum())
s = pd.Series(range(10))
print(s.rolling(window=5).mean())
print(s.rolling(window=5, center=True).mean())
df = pd.DataFrame(
    {"A": [0, 1, 2, 3, 4]}, index=pd.date_range("2020", periods=5, freq="1D")
)
print(df)
print(df.rolling("2D", center=False).mean())
print(df.rolling("2D", center=True).mean())
df = pd.DataFrame(
    {"x": 1},
    index=[
        pd.Timestamp("20130101 09:00:01"),
        pd.Timestamp("20130101 09:00:02"),
        pd.Timestamp("20130101 09:00:03"),
        pd.Timestamp("20130101 09:00:04"),
        pd.Timestamp("20130101 09:00:06"),
    ],
)
df["right"] = df.rolling("2s", closed="right").x.sum()  # default
df["both"] = df.rolling("2s", closed="both").x.sum()
df["left"] = df.rolling("2s", closed="left").x.sum()
df["neither"] = df.rolling("2s", closed="neither").x.sum()
print(df)

use_expanding = [True, False, True, False, True]
df = pd.DataFrame({"values": range(5)})


class CustomIndexer(BaseIndexer):
    def get_window_bounds(self, num_values, min_periods, center, closed, step=None):
        start = np.empty(num_values, dtype=np.int64)
        end = np.empty(num_values, dtype=np.int64)
        for i in range(num_values):
            if self.use_expanding[i]:
                start[i] = 0
                end[i] = i + 1
            else:
                start[i] = i
                end[i] = i + self.window_size
        return start, end


indexer = CustomIndexer(window_size=1, use_expanding=use_expanding)
print(df.rolling(indexer).sum())

df = pd.DataFrame(range(10), index=pd.date_range("2020", periods=10))
offset = pd.offsets.BDay(1)
indexer = VariableOffsetWindowIndexer(index=df.index, offset=offset)
print(df)
print(df.rolling(indexer).sum())
indexer = FixedForwardWindowIndexer(window_size=2)
print(df.rolling(indexer, min_periods=1).sum())
df = pd.DataFrame(
    data=[
        [pd.Timestamp("2018-01-01 00:00:00"), 100],
        [pd.Timestamp("2018-01-01 00:00:01"), 101],
        [pd.Timestamp("2018-01-01 00:00:03"), 103],
        [pd.Timestamp("2018-01-01 00:00:04"), 111],
    ],
    columns=["time", "value"],
).set_index("time")
print(df)
reversed_df = df[::-1].rolling("2s").sum()[::-1]
print(reversed_df)


def mad(x):
    return np.fabs(x - x.mean()).mean()


s = pd.Series(range(10))
print(s.rolling(window=4).apply(mad, raw=True))
