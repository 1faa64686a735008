# source: Python documentation, Doc/library/collections.rst "defaultdict Examples"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: groups key-value pairs into lists, counts letters, sets of values
# adapted: echoes printed
from collections import defaultdict
s = [('yellow', 1), ('blue', 2), ('yellow', 3), ('blue', 4), ('red', 1)]
d = defaultdict(list)
for k, v in s:
    d[k].append(v)

print(sorted(d.items()))

d = {}
for k, v in s:
    d.setdefault(k, []).append(v)

print(sorted(d.items()))

s = 'mississippi'
d = defaultdict(int)
for k in s:
    d[k] += 1

print(sorted(d.items()))

def constant_factory(value):
    return lambda: value
d = defaultdict(constant_factory('<missing>'))
d.update(name='John', action='ran')
print('%(name)s %(action)s to %(object)s' % d)

s = [('red', 1), ('blue', 2), ('red', 3), ('blue', 4), ('red', 1), ('blue', 4)]
d = defaultdict(set)
for k, v in s:
    d[k].add(v)

print(sorted(d.items()))
