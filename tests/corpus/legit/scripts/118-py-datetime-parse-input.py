# source: Python documentation, Doc/library/datetime.rst (strptime with %d/%m/%Y) applied as in its examples
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: parses the day/month/year join dates of an input CSV and reports the earliest, latest and weekday counts
# adapted: the page's strptime usage applied to the generated /input/people.csv (column joined)
import csv
from collections import Counter
from datetime import datetime

with open('/input/people.csv', newline='') as f:
    joined = [datetime.strptime(row['joined'], '%d/%m/%Y') for row in csv.DictReader(f)]
print(min(joined).strftime('%Y-%m-%d'), max(joined).strftime('%Y-%m-%d'))
print(Counter(d.strftime('%A') for d in joined).most_common())
print((max(joined) - min(joined)).days)
