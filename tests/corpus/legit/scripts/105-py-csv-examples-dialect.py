# source: Python documentation, Doc/library/csv.rst "Examples" (registering a dialect, catching csv.Error)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: registers a dialect and reads with it, reporting errors with the line number
# adapted: passwd (':'-separated) and some.csv read as /input/semicolon.csv with a ';' dialect; sys.exit on error replaced by print so the script goes on
import csv
csv.register_dialect('unixpwd', delimiter=';', quoting=csv.QUOTE_NONE)
with open('/input/semicolon.csv', newline='', encoding='latin-1') as f:
    reader = csv.reader(f, 'unixpwd')
    for row in reader:
        print(row)

import csv, sys
filename = '/input/sales.csv'
with open(filename, newline='') as f:
    reader = csv.reader(f)
    try:
        for row in reader:
            print(row[:3])
    except csv.Error as e:
        print('file {}, line {}: {}'.format(filename, reader.line_num, e))
print(csv.list_dialects())
