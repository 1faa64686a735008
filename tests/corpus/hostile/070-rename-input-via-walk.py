# attack: rename an input into /output through pd.io.common.os
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import pandas as pd
pd.io.common.os.rename("/input/book.xlsx", "/output/stolen.xlsx")
