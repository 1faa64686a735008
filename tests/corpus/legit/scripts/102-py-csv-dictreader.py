# source: Python documentation, Doc/library/csv.rst "csv.DictReader" example
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: reads rows as dicts and prints two fields
# adapted: names.csv (first_name, last_name) read as /input/people.csv (name, email)
import csv
with open('/input/people.csv', newline='') as csvfile:
    reader = csv.DictReader(csvfile)
    for row in reader:
        print(row['name'], row['email'])
