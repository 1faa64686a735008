# source: pandas-dev/pandas doc/source/user_guide/timeseries.rst, "Timestamps vs. Time Spans"
# licence: BSD-3-Clause (pandas documentation)
# does: Timestamp and Period scalars, Series indexed by timestamps and by periods
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import datetime

import numpy as np
import pandas as pd

np.random.seed(0)
print(pd.Timestamp(datetime.datetime(2012, 5, 1)))
print(pd.Timestamp('2012-05-01'))
print(pd.Timestamp(2012, 5, 1))
print(pd.Period('2011-01'))
print(pd.Period('2012-05', freq='D'))
dates = [pd.Timestamp('2012-05-01'),
         pd.Timestamp('2012-05-02'),
         pd.Timestamp('2012-05-03')]
ts = pd.Series(np.random.randn(3), dates)
print(type(ts.index))
print(ts.index)
print(ts)
periods = [pd.Period('2012-01'), pd.Period('2012-02'), pd.Period('2012-03')]
ts = pd.Series(np.random.randn(3), periods)
print(type(ts.index))
print(ts.index)
print(ts)
