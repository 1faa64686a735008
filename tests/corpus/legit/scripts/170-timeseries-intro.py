# source: pandas-dev/pandas doc/source/user_guide/timeseries.rst, introduction and "Overview"
# licence: BSD-3-Clause (pandas documentation)
# does: to_datetime of mixed inputs, hourly ranges, time zones, resampling, business-day arithmetic, Period and DateOffset Series, NaT
# adapted: interactive echoes wrapped in print()
import datetime

import numpy as np
import pandas as pd

dti = pd.to_datetime(['1/1/2018', np.datetime64('2018-01-01'),
                      datetime.datetime(2018, 1, 1)])
print(dti)
dti = pd.date_range('2018-01-01', periods=3, freq='H')
print(dti)
dti = dti.tz_localize('UTC')
print(dti)
print(dti.tz_convert('US/Pacific'))
idx = pd.date_range('2018-01-01', periods=5, freq='H')
ts = pd.Series(range(len(idx)), index=idx)
print(ts)
print(ts.resample('2H').mean())
friday = pd.Timestamp('2018-01-05')
print(friday.day_name())
# Add 1 day
saturday = friday + pd.Timedelta('1 day')
print(saturday.day_name())
# Add 1 business day (Friday --> Monday)
monday = friday + pd.offsets.BDay()
print(monday.day_name())
print(pd.Series(range(3), index=pd.date_range('2000', freq='D', periods=3)))
print(pd.Series(pd.date_range('2000', freq='D', periods=3)))
print(pd.Series(pd.period_range('1/1/2011', freq='M', periods=3)))
print(pd.Series([pd.DateOffset(1), pd.DateOffset(2)]))
print(pd.Series(pd.date_range('1/1/2011', freq='M', periods=3)))
print(pd.Timestamp(pd.NaT))
print(pd.Timedelta(pd.NaT))
print(pd.Period(pd.NaT))
# Equality acts as np.nan would
print(pd.NaT == pd.NaT)
