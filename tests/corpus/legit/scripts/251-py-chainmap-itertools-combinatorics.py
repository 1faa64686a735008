# source: Python documentation, Doc/library/collections.rst "ChainMap examples and recipes" and Doc/library/itertools.rst (product, permutations, combinations, groupby, chain, count, cycle, zip_longest, starmap, tee)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: ChainMap lookups and DeepChainMap, and the itertools functions' own examples
# adapted: argparse/os.environ parts of the ChainMap recipe left out (command-line and environment); results printed
from collections import ChainMap
import itertools
from itertools import *
import operator

defaults = {'color': 'red', 'user': 'guest'}
command_line_args = {'user': 'admin'}
combined = ChainMap(command_line_args, defaults)
print(combined['color'], combined['user'])
baseline = {'music': 'bach', 'art': 'rembrandt'}
adjustments = {'art': 'van gogh', 'opera': 'carmen'}
print(list(ChainMap(adjustments, baseline)))
c = ChainMap()        # Create root context
d = c.new_child()     # Create nested child context
e = c.new_child()     # Child of c, independent from d
e['x'] = 1
print(e.maps[0], e.parents, len(d))

class DeepChainMap(ChainMap):
    'Variant of ChainMap that allows direct updates to inner scopes'

    def __setitem__(self, key, value):
        for mapping in self.maps:
            if key in mapping:
                mapping[key] = value
                return
        self.maps[0][key] = value

    def __delitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                del mapping[key]
                return
        raise KeyError(key)

d = DeepChainMap({'zebra': 'black'}, {'elephant': 'blue'}, {'lion': 'yellow'})
d['lion'] = 'orange'         # update an existing key two levels down
d['snake'] = 'red'           # new keys get added to the topmost dict
del d['elephant']            # remove an existing key one level down
print(d)

print(list(accumulate([1,2,3,4,5])))
print(list(chain('ABC', 'DEF')))
print(list(chain.from_iterable(['ABC', 'DEF'])))
print(list(combinations('ABCD', 2)))
print(list(combinations(range(4), 3)))
print(list(combinations_with_replacement('ABC', 2)))
print(list(compress('ABCDEF', [1,0,1,0,1,1])))
print(list(islice(count(10), 5)), list(islice(count(2.5, 0.5), 4)))
print(list(islice(cycle('ABCD'), 10)))
print(list(dropwhile(lambda x: x<5, [1,4,6,4,1])))
print(list(filterfalse(lambda x: x%2, range(10))))
print([k for k, g in groupby('AAAABBBCCDAABBB')])
print([list(g) for k, g in groupby('AAAABBBCCD')])
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(pairwise('ABCDEFG')))
print(len(list(permutations('ABCD', 2))), list(permutations(range(3))))
print(list(product('ABCD', 'xy')), len(list(product(range(2), repeat=3))))
print(list(repeat(10, 3)), list(map(pow, range(10), repeat(2))))
print(list(starmap(pow, [(2,5), (3,2), (10,3)])))
print(list(takewhile(lambda x: x<5, [1,4,6,4,1])))
a, b = tee(range(4))
print(list(a), list(b))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')))
