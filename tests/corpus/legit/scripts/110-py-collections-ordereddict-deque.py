# source: Python documentation, Doc/library/collections.rst "deque objects", "deque Recipes" (tail, moving_average) and "OrderedDict Examples and Recipes" (LastUpdatedOrderedDict)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: deque operations, the last lines of a file, a moving average, an OrderedDict that keeps the last-updated order
# adapted: tail() reads /input/notes.txt
from collections import deque, OrderedDict
from itertools import islice

d = deque('ghi')                 # make a new deque with three items
for elem in d:                   # iterate over the deque's elements
    print(elem.upper())
d.append('j')                    # add a new entry to the right side
d.appendleft('f')                # add a new entry to the left side
print(d)                         # show the representation of the deque
print(d.pop())                   # return and remove the rightmost item
print(d.popleft())               # return and remove the leftmost item
print(list(d))                   # list the contents of the deque
print(d[0])                      # peek at leftmost item
print(d[-1])                     # peek at rightmost item
print(list(reversed(d)))         # list the contents of a deque in reverse
print('h' in d)                  # search the deque
d.extend('jkl')                  # add multiple elements at once
print(d)
d.rotate(1)                      # right rotation
print(d)
d.rotate(-1)                     # left rotation
print(d)
print(deque(reversed(d)))        # make a new deque in reverse order
d.clear()                        # empty the deque
d.extendleft('abc')              # extendleft() reverses the input order
print(d)

def tail(filename, n=10):
    'Return the last n lines of a file'
    with open(filename) as f:
        return deque(f, n)

print(tail('/input/notes.txt', 3))

def moving_average(iterable, n=3):
    # moving_average([40, 30, 50, 46, 39, 44]) --> 40.0 42.0 45.0 43.0
    # https://en.wikipedia.org/wiki/Moving_average
    it = iter(iterable)
    d = deque(islice(it, n-1))
    d.appendleft(0)
    s = sum(d)
    for elem in it:
        s += elem - d.popleft()
        d.append(elem)
        yield s / n

print(list(moving_average([40, 30, 50, 46, 39, 44])))

class LastUpdatedOrderedDict(OrderedDict):
    'Store items in the order the keys were last added'

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)

d = LastUpdatedOrderedDict()
d['a'] = 1
d['b'] = 2
d['a'] = 3
print(list(d.items()))
