# source: openpyxl documentation, doc/datetime.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: ISO dates, the 1900/1904 date systems, timedelta helpers, and durations stored as days
# adapted: the snippets run as one script, the helpers applied to sample values; saved to /output/dates.xlsx
import datetime

import openpyxl
wb = openpyxl.Workbook()
wb.iso_dates = True
wb = openpyxl.Workbook()
if wb.epoch == openpyxl.utils.datetime.CALENDAR_WINDOWS_1900:
    print("This workbook is using the 1900 date system.")
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904


def helper_1904(dt):
    if isinstance(dt, datetime.time):
        return datetime.timedelta(
            hours=dt.hour,
            minutes=dt.minute,
            seconds=dt.second,
            microseconds=dt.microsecond
        )
    # else we have a datetime
    return dt - datetime.datetime(1904, 1, 1)


def helper_1900(dt):
    if isinstance(dt, datetime.time):
        return datetime.timedelta(
            hours=dt.hour,
            minutes=dt.minute,
            seconds=dt.second,
            microseconds=dt.microsecond
        )
    # else we have a datetime
    if dt > datetime.datetime(1899, 12, 31) and dt < datetime.datetime(1900, 3, 1):
        return dt - datetime.datetime(1899, 12, 31)
    return dt - datetime.datetime(1899, 12, 30)


print(helper_1904(datetime.time(10, 30)), helper_1904(datetime.datetime(1904, 1, 3, 12)))
print(helper_1900(datetime.datetime(1900, 1, 2)), helper_1900(datetime.datetime(1900, 3, 2)))

duration = datetime.timedelta(hours=42, minutes=3, seconds=14)
wb = openpyxl.Workbook()
ws = wb.active
days = duration / datetime.timedelta(days=1)
ws["A1"] = days
print(days)
ws["A2"] = datetime.datetime(2024, 2, 29, 13, 45)
ws["A3"] = datetime.date(1999, 12, 31)
wb.save("/output/dates.xlsx")
