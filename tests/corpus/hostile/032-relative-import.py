# attack: relative import of the runner's sibling module
# expect: precheck:relative-import
# unguarded: python
from . import precheck
precheck.check = lambda source: []
