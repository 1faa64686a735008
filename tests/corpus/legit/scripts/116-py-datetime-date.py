# source: Python documentation, Doc/library/datetime.rst "Examples of usage: date"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: days to a birthday, ordinals, strftime, isoformat, f-string formats, timetuple and isocalendar
# adapted: today's date replaced by a fixed date (date(2024, 3, 15)) so both runs print the same; results printed
import time
from datetime import date
today = date(2024, 3, 15)
print(today == date.fromtimestamp(time.mktime(today.timetuple())))
my_birthday = date(today.year, 6, 24)
if my_birthday < today:
    my_birthday = my_birthday.replace(year=today.year + 1)
print(my_birthday)
time_to_birthday = abs(my_birthday - today)
print(time_to_birthday.days)

d = date.fromordinal(730920) # 730920th day after 1. 1. 0001
print(d)
# Methods related to formatting string output
print(d.isoformat())
print(d.strftime("%d/%m/%y"))
print(d.strftime("%A %d. %B %Y"))
print(d.ctime())
print('The {1} is {0:%d}, the {2} is {0:%B}.'.format(d, "day", "month"))

# Methods for to extracting 'components' under different calendars
t = d.timetuple()
for i in t:
    print(i)
ic = d.isocalendar()
for i in ic:
    print(i)

# A date object is immutable; all operations produce a new object
print(d.replace(year=2005))
print(date.fromisoformat('2019-12-04'))
