# source: Python documentation, Doc/library/csv.rst "csv.DictWriter" example
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: writes a header and three rows from dicts
# adapted: names.csv written to /output/names.csv
import csv

with open('/output/names.csv', 'w', newline='') as csvfile:
    fieldnames = ['first_name', 'last_name']
    writer = csv.DictWriter(csvfile, fieldnames=fieldnames)

    writer.writeheader()
    writer.writerow({'first_name': 'Baked', 'last_name': 'Beans'})
    writer.writerow({'first_name': 'Lovely', 'last_name': 'Spam'})
    writer.writerow({'first_name': 'Wonderful', 'last_name': 'Spam'})
