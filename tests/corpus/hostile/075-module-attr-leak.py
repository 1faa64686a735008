# attack: set a module attribute in one run and read it in the next
# expect: precheck:module-mutation
# unguarded: ok|python
# runs: 2
import pandas as pd
try:
    pd.leak_marker
except AttributeError:
    pass
else:
    bytearray(10**12)  # leaked: end as a memory error so no expectation can match
pd.leak_marker = "secret from an earlier run"
