# source: Python documentation, Doc/library/csv.rst "csv.reader" usage example (docs.python.org/3/library/csv.html)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: reads a CSV with csv.reader and prints each row joined by commas
# adapted: eggs.csv (space-delimited, | quoted) read as /input/sales.csv with the default dialect
import csv
with open('/input/sales.csv', newline='') as csvfile:
    spamreader = csv.reader(csvfile)
    for row in spamreader:
        print(', '.join(row))
