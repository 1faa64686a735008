# source: Python documentation, Doc/library/time.rst (strftime, strptime, gmtime, struct_time) examples
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: formats fixed times with strftime and gmtime, parses with strptime, reads struct_time fields
# adapted: time.localtime() (the current time) replaced by a fixed gmtime(1_000_000_000) so both runs print the same
import time
from time import gmtime, strftime
print(strftime("%a, %d %b %Y %H:%M:%S +0000", gmtime(1_000_000_000)))
print(strftime("%Y-%m-%d %H:%M", gmtime(0)))
t = time.strptime("30 Nov 00", "%d %b %y")
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_wday, t.tm_yday)
print(time.asctime(gmtime(1_000_000_000)))
print(time.mktime(time.strptime("2024-01-01 00:00:00", "%Y-%m-%d %H:%M:%S")) > 0)
print(time.strftime("%j %U %W", time.strptime("2024-03-15", "%Y-%m-%d")))
