# source: Python documentation, Doc/library/pprint.rst "Example"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: pretty-prints a nested structure with depth, width and compact options
# adapted: the project JSON fetched from PyPI replaced by /input/inventory.json (no network)
import json
import pprint
with open('/input/inventory.json') as f:
    project_info = json.load(f)[:6]
pprint.pprint(project_info)
pprint.pprint(project_info, depth=1)
pprint.pprint(project_info, depth=2, width=60)
pprint.pprint(project_info, compact=True)
stuff = ['spam', 'eggs', 'lumberjack', 'knights', 'ni']
stuff.insert(0, stuff[:])
pp = pprint.PrettyPrinter(indent=4)
pp.pprint(stuff)
pp = pprint.PrettyPrinter(width=41, compact=True)
pp.pprint(stuff)
print(pprint.pformat({'b': 1, 'a': [1, 2, 3]}, sort_dicts=True))
