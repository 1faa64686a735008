# attack: read /proc/self/environ with pandas
# expect: precheck:path-outside-sandbox
# unguarded: python
import pandas as pd
print(pd.read_csv("/proc/self/environ"))
