# source: pandas-dev/pandas doc/source/user_guide/timeseries.rst, "Converting to Timestamps" (format, assembling, invalid data, epochs, origin)
# licence: BSD-3-Clause (pandas documentation)
# does: to_datetime with dayfirst, format, frames of parts, errors=ignore/coerce, epoch units, back to epoch, origin
# adapted: interactive echoes wrapped in print(); the code block's ValueError for errors='raise' is caught and printed
import pandas as pd

print(pd.to_datetime(pd.Series(['Jul 31, 2009', '2010-01-10', None])))
print(pd.to_datetime(['2005/11/23', '2010.12.31']))
print(pd.to_datetime(['04-01-2012 10:00'], dayfirst=True))
print(pd.to_datetime(['14-01-2012', '01-14-2012'], dayfirst=True))
print(pd.to_datetime('2010/11/12'))
print(pd.Timestamp('2010/11/12'))
print(pd.DatetimeIndex(['2018-01-01', '2018-01-03', '2018-01-05']))
print(pd.DatetimeIndex(['2018-01-01', '2018-01-03', '2018-01-05'], freq='infer'))
print(pd.to_datetime('2010/11/12', format='%Y/%m/%d'))
print(pd.to_datetime('12-11-2010 00:00', format='%d-%m-%Y %H:%M'))
df = pd.DataFrame({'year': [2015, 2016],
                   'month': [2, 3],
                   'day': [4, 5],
                   'hour': [2, 3]})
print(pd.to_datetime(df))
print(pd.to_datetime(df[['year', 'month', 'day']]))
try:
    pd.to_datetime(['2009/07/31', 'asd'], errors='raise')
except ValueError as exc:
    print("ValueError:", exc)
print(pd.to_datetime(['2009/07/31', 'asd'], errors='ignore'))
print(pd.to_datetime(['2009/07/31', 'asd'], errors='coerce'))
print(pd.to_datetime([1349720105, 1349806505, 1349892905,
                      1349979305, 1350065705], unit='s'))
print(pd.to_datetime([1349720105100, 1349720105200, 1349720105300,
                      1349720105400, 1349720105500], unit='ms'))
print(pd.Timestamp(1262347200000000000).tz_localize('US/Pacific'))
print(pd.DatetimeIndex([1262347200000000000]).tz_localize('US/Pacific'))
print(pd.to_datetime([1490195805.433, 1490195805.433502912], unit='s'))
print(pd.to_datetime(1490195805433502912, unit='ns'))
stamps = pd.date_range('2012-10-08 18:15:05', periods=4, freq='D')
print(stamps)
print((stamps - pd.Timestamp("1970-01-01")) // pd.Timedelta('1s'))
print(pd.to_datetime([1, 2, 3], unit='D', origin=pd.Timestamp('1960-01-01')))
print(pd.to_datetime([1, 2, 3], unit='D'))
