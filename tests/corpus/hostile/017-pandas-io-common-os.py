# attack: pd.io.common.os: a module attribute walk from pandas to os
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import pandas as pd
pd.io.common.os.system("rm -f /input/data.csv")
