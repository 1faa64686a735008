# source: Python documentation, Doc/library/csv.rst "csv.writer" usage example
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: writes two rows with a space delimiter, | as quote character and QUOTE_MINIMAL
# adapted: eggs.csv written to /output/eggs.csv
import csv
with open('/output/eggs.csv', 'w', newline='') as csvfile:
    spamwriter = csv.writer(csvfile, delimiter=' ',
                            quotechar='|', quoting=csv.QUOTE_MINIMAL)
    spamwriter.writerow(['Spam'] * 5 + ['Baked Beans'])
    spamwriter.writerow(['Spam', 'Lovely Spam', 'Wonderful Spam'])
