# attack: pd.read_csv on the canary URL
# expect: precheck:url-literal
# unguarded: python
import pandas as pd
pd.read_csv("CANARY_URL")
