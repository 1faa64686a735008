# attack: patch a pandas class through type(obj) in one run and find the patch in the next
# expect: contained:ok
# unguarded: ok
# runs: 2
import pandas as pd
cls = type(pd.DataFrame())
try:
    cls.leak_marker
except AttributeError:
    pass
else:
    bytearray(10**12)  # leaked: end as a memory error so no expectation can match
cls.leak_marker = "secret from an earlier run"
