# source: Python documentation, Doc/library/uuid.rst "Example" (name-based UUIDs), Doc/library/html.rst, Doc/library/string.rst (constants, capwords)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: uuid3/uuid5 from names, UUID parsing, HTML escaping, string constants and capwords
# adapted: the random uuid1/uuid4 lines left out (they differ on every run)
import html
import string
import uuid

# make a UUID using an MD5 hash of a namespace UUID and a name
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'))
# make a UUID using a SHA-1 hash of a namespace UUID and a name
print(uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
# make a UUID from a string of hex digits (braces and hyphens ignored)
x = uuid.UUID('{00010203-0405-0607-0809-0a0b0c0d0e0f}')
# convert a UUID to a string of hex digits in standard form
print(str(x))
# get the raw 16 bytes of the UUID
print(x.bytes)
# make a UUID from a 16-byte string
print(uuid.UUID(bytes=x.bytes))
print(html.escape('<a href="x">Tom & Jerry\'s</a>'))
print(html.unescape('&lt;p&gt;caf&eacute; &amp; cr&egrave;me&lt;/p&gt;'))
print(string.ascii_letters, string.digits, string.punctuation)
print(string.capwords(' hello   world  of python '))
