# source: Python documentation, Doc/library/csv.rst "Examples" (parsing a string) and Doc/library/io.rst (io.StringIO)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: parses CSV text held in a string, and writes CSV into an io.StringIO buffer
# adapted: the two snippets joined; the buffer's text printed
import csv
for row in csv.reader(['one,two,three']):
    print(row)

import io
output = io.StringIO()
writer = csv.writer(output)
writer.writerow(['Spam', 'Lovely Spam', 'Wonderful Spam'])
writer.writerow(['a,b', 'c"d', ''])
print(repr(output.getvalue()))
output.close()
