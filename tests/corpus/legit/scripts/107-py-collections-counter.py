# source: Python documentation, Doc/library/collections.rst "Counter objects"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: tallies words, finds the most common words of a text file with re.findall, and Counter arithmetic
# adapted: hamlet.txt read as /input/notes.txt
from collections import Counter
import re

# Tally occurrences of words in a list
cnt = Counter()
for word in ['red', 'blue', 'red', 'green', 'blue', 'blue']:
    cnt[word] += 1
print(cnt)

# Find the ten most common words in Hamlet
words = re.findall(r'\w+', open('/input/notes.txt').read().lower())
print(Counter(words).most_common(10))

c = Counter(a=4, b=2, c=0, d=-2)
d = Counter(a=1, b=2, c=3, d=4)
c.subtract(d)
print(c)
print(sorted(Counter('abracadabra').elements()))
print(Counter('abracadabra').most_common(3))
c = Counter(a=3, b=1)
d = Counter(a=1, b=2)
print(c + d)
print(c - d)
print(c & d)
print(c | d)
