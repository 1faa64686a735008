# source: Python documentation, Doc/library/gzip.rst "Examples of usage" and Doc/library/shutil.rst (copyfile, copy, copyfileobj)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: compresses an input CSV with gzip, reads it back, and copies input files into the output folder
# adapted: file.txt.gz and the copies written to /output/; the source is /input/sales.csv
import gzip
import shutil

content = b"Lots of content here"
with gzip.open('/output/file.txt.gz', 'wb') as f:
    f.write(content)
with gzip.open('/output/file.txt.gz', 'rb') as f:
    file_content = f.read()
print(file_content)
with open('/input/sales.csv', 'rb') as f_in:
    with gzip.open('/output/sales.csv.gz', 'wb') as f_out:
        shutil.copyfileobj(f_in, f_out)
with gzip.open('/output/sales.csv.gz', 'rt', encoding='utf-8') as f:
    print(f.readline().strip())
s_in = b"Lots of content here"
s_out = gzip.compress(s_in)
print(gzip.decompress(s_out) == s_in)
print(shutil.copyfile('/input/notes.txt', '/output/notes_copy.txt'))
print(shutil.copy('/input/people.csv', '/output/'))
