# source: Python documentation, Doc/library/itertools.rst "Itertools Recipes" (take, pairwise, grouper, batched, unique_everseen, running totals)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: groups, batches, accumulates and de-duplicates sales records from an input CSV with itertools
# adapted: the recipes applied to /input/sales.csv rows; results printed
import csv
import operator
from itertools import accumulate, chain, groupby, islice, zip_longest, filterfalse

def take(n, iterable):
    "Return first n items of the iterable as a list"
    return list(islice(iterable, n))

def grouper(iterable, n, *, incomplete='fill', fillvalue=None):
    "Collect data into non-overlapping fixed-length chunks or blocks"
    # grouper('ABCDEFG', 3, fillvalue='x') --> ABC DEF Gxx
    args = [iter(iterable)] * n
    if incomplete == 'fill':
        return zip_longest(*args, fillvalue=fillvalue)
    if incomplete == 'strict':
        return zip(*args, strict=True)
    if incomplete == 'ignore':
        return zip(*args)
    else:
        raise ValueError('Expected fill, strict, or ignore')

def unique_everseen(iterable, key=None):
    "List unique elements, preserving order. Remember all elements ever seen."
    # unique_everseen('AAAABBBCCDAABBB') --> A B C D
    # unique_everseen('ABBcCAD', str.lower) --> A B c D
    seen = set()
    if key is None:
        for element in filterfalse(seen.__contains__, iterable):
            seen.add(element)
            yield element
    else:
        for element in iterable:
            k = key(element)
            if k not in seen:
                seen.add(k)
                yield element

def flatten(list_of_lists):
    "Flatten one level of nesting"
    return chain.from_iterable(list_of_lists)

print(list(grouper('ABCDEFG', 3, fillvalue='x')))
print(list(unique_everseen('AAAABBBCCDAABBB')))
print(list(unique_everseen('ABBcCAD', str.lower)))
print(list(accumulate([3, 4, 6, 2, 1, 9, 0, 7, 5, 8], max)))
print(list(accumulate([1, 2, 3, 4, 5], operator.mul)))

with open('/input/sales.csv', newline='') as f:
    rows = list(csv.DictReader(f))
print(take(2, rows))
rows.sort(key=operator.itemgetter('Region'))
for region, group in groupby(rows, key=operator.itemgetter('Region')):
    print(region, round(sum(float(r['Sales']) for r in group), 2))
print(list(unique_everseen(r['Product'] for r in rows)))
print([len(list(filter(None, g))) for g in grouper(rows, 64)])
print(take(5, accumulate(float(r['Sales']) for r in rows)))
print(list(flatten([[1, 2], [3]])))
