# source: Python documentation, Doc/library/datetime.rst "Examples of usage: datetime" and strftime/strptime
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: combines dates and times, parses with strptime, formats with strftime and format(), timedelta arithmetic, timezone offsets
# adapted: datetime.now()/utcnow() left out (they differ between runs); results printed
from datetime import datetime, date, time, timedelta, timezone

# Using datetime.combine()
d = date(2005, 7, 14)
t = time(12, 30)
print(datetime.combine(d, t))

# Using datetime.strptime()
dt = datetime.strptime("21/11/06 16:30", "%d/%m/%y %H:%M")
print(dt)

# Using datetime.timetuple() to get tuple of all attributes
tt = dt.timetuple()
for it in tt:
    print(it)

# Date in ISO format
ic = dt.isocalendar()
for it in ic:
    print(it)

# Formatting a datetime
print(dt.strftime("%A, %d. %B %Y %I:%M%p"))
print('The {1} is {0:%d}, the {2} is {0:%B}, the {3} is {0:%I:%M%p}.'.format(dt, "day", "month", "time"))

year = timedelta(days=365)
another_year = timedelta(weeks=40, days=84, hours=23,
                         minutes=50, seconds=600)
print(year == another_year)
print(year.total_seconds())
ten_years = 10 * year
print(ten_years)
print(ten_years.days // 365)
nine_years = ten_years - year
print(nine_years)
three_years = nine_years // 3
print(three_years, three_years.days // 365)

print(datetime.fromisoformat('2011-11-04T00:05:23+04:00'))
tz = timezone(timedelta(hours=-5), "EST")
print(datetime(2010, 12, 25, 10, 0, tzinfo=tz).isoformat())
print(datetime(2010, 12, 25, 10, 0, tzinfo=tz).astimezone(timezone.utc))
print(f"{datetime(2024, 1, 31, 8, 5):%Y-%m-%d %H:%M}")
