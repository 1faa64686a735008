# attack: pandas options set in one run must not be visible in the next
# expect: contained:ok
# unguarded: ok
# runs: 2
import pandas as pd
if pd.get_option("display.max_colwidth") == 4321:
    bytearray(10**12)  # leaked: end as a memory error so no expectation can match
pd.set_option("display.max_colwidth", 4321)
