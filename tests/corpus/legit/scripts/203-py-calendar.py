# source: Python documentation, Doc/library/calendar.rst (TextCalendar, monthrange, weekday, isleap)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: prints a month and a year calendar as text, month ranges, weekdays, leap years
# adapted: results printed; weekdays printed as int(): Python 3.12+ (Pyodide's 3.14) returns calendar.Day members, whose repr differs from 3.11's plain int
import calendar

print(calendar.month(2024, 2))
print(calendar.TextCalendar(calendar.MONDAY).formatyear(2024, 2, 1, 1, 3))
first_weekday, days = calendar.monthrange(2024, 2)
print(int(first_weekday), days)
print(int(calendar.weekday(2024, 3, 15)))
print(calendar.isleap(2024), calendar.leapdays(2000, 2025))
print(list(calendar.month_name)[1:4], list(calendar.day_abbr))
c = calendar.Calendar(firstweekday=calendar.SUNDAY)
print([d for d in c.itermonthdays(2024, 2)][:10])
print(calendar.monthcalendar(2024, 2))
