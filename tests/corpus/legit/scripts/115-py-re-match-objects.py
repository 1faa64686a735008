# source: Python documentation, Doc/library/re.rst ("Checking for a Pair", "search() vs. match()", Match.group/groupdict examples)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: validates poker hands, search vs match, named groups, and extracts references from an input text
# adapted: the displaymatch helper and examples as on the page; a last loop reads /input/notes.txt for #refs
import re

def displaymatch(match):
    if match is None:
        return None
    return '<Match: %r, groups=%r>' % (match.group(), match.groups())

valid = re.compile(r"^[a2-9tjqk]{5}$")
print(displaymatch(valid.match("akt5q")))  # Valid.
print(displaymatch(valid.match("akt5e")))  # Invalid.
print(displaymatch(valid.match("akt")))    # Invalid.
print(displaymatch(valid.match("727ak")))  # Valid.

pair = re.compile(r".*(.).*\1")
print(displaymatch(pair.match("717ak")))     # Pair of 7s.
print(displaymatch(pair.match("718ak")))     # No pairs.
print(displaymatch(pair.match("354aa")))     # Pair of aces.
print(pair.match("717ak").group(1))

print(re.match("c", "abcdef"))    # No match
print(re.search("c", "abcdef"))   # Match
print(re.search("^c", "abcdef"))  # No match
print(re.search("^a", "abcdef"))  # Match
print(re.match("X", "A\nB\nX", re.MULTILINE))  # No match
print(re.search("^X", "A\nB\nX", re.MULTILINE))  # Match

m = re.match(r"(?P<first_name>\w+) (?P<last_name>\w+)", "Malcolm Reynolds")
print(m.group('first_name'))
print(m.group('last_name'))
print(m.groupdict())
m = re.match(r"(\d+)\.(\d+)", "24.1632")
print(m.groups())

refs = []
with open('/input/notes.txt') as f:
    for line in f:
        m = re.search(r"ref #(\d+)", line)
        if m:
            refs.append(int(m.group(1)))
print(len(refs), sorted(refs)[:5])
