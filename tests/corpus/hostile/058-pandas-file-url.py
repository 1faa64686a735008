# attack: pd.read_csv('file:///etc/passwd') to read the host through a URL
# expect: precheck:url-literal
# unguarded: python
import pandas as pd
print(pd.read_csv("file:///etc/passwd"))
