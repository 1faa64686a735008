# attack: functools.reduce(getattr, ...) so getattr is never called by name
# expect: contained:python
# unguarded: python
from functools import reduce
u = "_" * 2
chain = [u + "class" + u, u + "bases" + u]
print(reduce(getattr, chain, ()))
