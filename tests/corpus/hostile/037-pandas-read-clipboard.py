# attack: pd.read_clipboard spawns a subprocess (xclip/xsel)
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import pandas as pd
print(pd.read_clipboard())
