# source: Python documentation, Doc/library/csv.rst "Sniffer" example
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: detects the dialect of a semicolon-separated latin-1 file, then reads it
# adapted: example.csv read as /input/semicolon.csv with encoding latin-1; the rows are printed where the page says '# ... process CSV file contents here ...'
import csv
with open('/input/semicolon.csv', newline='', encoding='latin-1') as csvfile:
    dialect = csv.Sniffer().sniff(csvfile.read(1024))
    csvfile.seek(0)
    reader = csv.reader(csvfile, dialect)
    # ... process CSV file contents here ...
    for row in reader:
        print(row)
print(dialect.delimiter)
