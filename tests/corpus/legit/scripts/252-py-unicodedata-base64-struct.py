# source: Python documentation, Doc/library/unicodedata.rst, Doc/library/base64.rst, Doc/library/struct.rst (examples)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: unicode names, categories and normalization (for cleaning accented names), base64 round trips, struct packing
# adapted: results printed; the names normalised are those of /input/people.csv
import base64
import csv
import struct
import unicodedata

print(unicodedata.lookup('LEFT CURLY BRACKET'))
print(unicodedata.name('/'))
print(unicodedata.decimal('9'))
print(unicodedata.category('A'))  # 'L'etter, 'u'ppercase
print(unicodedata.bidirectional('\u0660')) # 'A'rabic, 'N'umber
print(unicodedata.normalize('NFC', 'e\u0301') == '\u00e9')
with open('/input/people.csv', newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        ascii_name = unicodedata.normalize('NFKD', row['name']).encode('ascii', 'ignore').decode()
        print(repr(row['name']), '->', ascii_name.strip().title())

encoded = base64.b64encode(b'data to be encoded')
print(encoded)
print(base64.b64decode(encoded))
print(base64.urlsafe_b64encode(b'\xfb\xff'), base64.b32encode(b'abc'), base64.b16encode(b'abc'))

print(struct.pack('>bhl', 1, 2, 3))
print(struct.unpack('>bhl', b'\x01\x00\x02\x00\x00\x00\x03'))
print(struct.calcsize('>bhl'))
print(struct.pack('@ccc', b'1', b'2', b'3'))
from collections import namedtuple
record = b'raymond   \x32\x12\x08\x01\x08'
name, serialnum, school, gradelevel = struct.unpack('<10sHHb', record)
Student = namedtuple('Student', 'name serialnum school gradelevel')
print(Student._make(struct.unpack('<10sHHb', record)))
