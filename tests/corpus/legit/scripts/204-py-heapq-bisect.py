# source: Python documentation, Doc/library/heapq.rst (heapsort, nlargest) and Doc/library/bisect.rst (grade, searching sorted lists)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: heap sort, priority queue tuples, nlargest/nsmallest, bisect-based grades and lookups
# adapted: results printed
from heapq import heappush, heappop, nlargest, nsmallest, heapify, merge
import bisect
from bisect import bisect_left, bisect_right, insort

def heapsort(iterable):
    h = []
    for value in iterable:
        heappush(h, value)
    return [heappop(h) for i in range(len(h))]

print(heapsort([1, 3, 5, 7, 9, 2, 4, 6, 8, 0]))
h = []
heappush(h, (5, 'write code'))
heappush(h, (7, 'release product'))
heappush(h, (1, 'write spec'))
heappush(h, (3, 'create tests'))
print(heappop(h))
print(nlargest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]))
print(nsmallest(2, [{'n': 3}, {'n': 1}, {'n': 2}], key=lambda d: d['n']))
print(list(merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))

def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    i = bisect.bisect(breakpoints, score)
    return grades[i]

print([grade(score) for score in [33, 99, 77, 70, 89, 90, 100]])

def index(a, x):
    'Locate the leftmost value exactly equal to x'
    i = bisect_left(a, x)
    if i != len(a) and a[i] == x:
        return i
    raise ValueError

def find_lt(a, x):
    'Find rightmost value less than x'
    i = bisect_left(a, x)
    if i:
        return a[i-1]
    raise ValueError

def find_ge(a, x):
    'Find leftmost item greater than or equal to x'
    i = bisect_left(a, x)
    if i != len(a):
        return a[i]
    raise ValueError

a = [1, 2, 4, 4, 8]
print(index(a, 4), find_lt(a, 4), find_ge(a, 5))
insort(a, 3)
print(a, bisect_right(a, 4))
