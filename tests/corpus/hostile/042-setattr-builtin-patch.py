# attack: setattr on a module to swap pandas' reader for a spy
# expect: precheck:open-path
# unguarded: python
import pandas as pd
setattr(pd, "read_csv", lambda *a, **k: open("/input/data.csv", "w"))
pd.read_csv("/input/data.csv")
