# source: Python documentation, Doc/library/zipfile.rst (ZipFile.namelist/infolist/read) and Doc/library/hashlib.rst (file_digest / update loop)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: lists the parts inside an input .xlsx (a zip), reads one, and computes SHA-256 checksums of the inputs
# adapted: the archive is /input/sales.xlsx; the digest loop reads /input files
import hashlib
import zipfile

with zipfile.ZipFile('/input/sales.xlsx') as myzip:
    print(sorted(myzip.namelist()))
    for info in myzip.infolist()[:3]:
        print(info.filename, info.file_size > 0)
    with myzip.open('xl/workbook.xml') as myfile:
        print(myfile.read()[:38])
print(zipfile.is_zipfile('/input/sales.xlsx'), zipfile.is_zipfile('/input/sales.csv'))

for name in ('sales.csv', 'notes.txt'):
    h = hashlib.sha256()
    with open('/input/' + name, 'rb') as f:
        for chunk in iter(lambda: f.read(4096), b''):
            h.update(chunk)
    print(name, h.hexdigest())
m = hashlib.sha256()
m.update(b"Nobody inspects")
m.update(b" the spammish repetition")
print(m.hexdigest())
print(hashlib.md5(b"Nobody inspects the spammish repetition").hexdigest())
