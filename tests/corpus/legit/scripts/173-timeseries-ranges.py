# source: pandas-dev/pandas doc/source/user_guide/timeseries.rst, "Generating Ranges of Timestamps"
# licence: BSD-3-Clause (pandas documentation)
# does: DatetimeIndex from datetimes, date_range and bdate_range with frequencies, periods, start/end
# adapted: interactive echoes wrapped in print()
import datetime

import pandas as pd

dates = [datetime.datetime(2012, 5, 1),
         datetime.datetime(2012, 5, 2),
         datetime.datetime(2012, 5, 3)]
# Note the frequency information
index = pd.DatetimeIndex(dates)
print(index)
# Automatically converted to DatetimeIndex
index = pd.Index(dates)
print(index)
start = datetime.datetime(2011, 1, 1)
end = datetime.datetime(2012, 1, 1)
index = pd.date_range(start, end)
print(index)
index = pd.bdate_range(start, end)
print(index)
print(pd.date_range(start, periods=1000, freq='M'))
print(pd.bdate_range(start, periods=250, freq='BQS'))
print(pd.date_range(start, end, freq='BM'))
print(pd.date_range(start, end, freq='W'))
print(pd.bdate_range(end=end, periods=20))
print(pd.bdate_range(start=start, periods=20))
print(pd.date_range('2018-01-01', '2018-01-05', periods=5))
print(pd.date_range('2018-01-01', '2018-01-05', periods=10))
