# attack: overwrite an input through DataFrame.to_csv
# expect: contained:python
# unguarded: python
import pandas as pd
pd.DataFrame({"a": [1]}).to_csv("/input/data.csv")
