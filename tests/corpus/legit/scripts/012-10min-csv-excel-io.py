# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Importing and exporting data" (CSV, Excel)
# licence: BSD-3-Clause (pandas documentation)
# does: writes a frame to CSV and to xlsx, reads both back
# adapted: np.random.seed(0) added; echoes wrapped in print(); foo.csv / foo.xlsx written to /output/ (the only writable folder)
import numpy as np
import pandas as pd

np.random.seed(0)
df = pd.DataFrame(np.random.randint(0, 5, (10, 5)))
df.to_csv("/output/foo.csv")
print(pd.read_csv("/output/foo.csv"))
df.to_excel("/output/foo.xlsx", sheet_name="Sheet1")
print(pd.read_excel("/output/foo.xlsx", "Sheet1", index_col=None, na_values=["NA"]))
