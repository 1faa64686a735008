# attack: star import of a pandas submodule that holds os
# expect: contained:python
# unguarded: python
from pandas.io.common import *
os.remove("/input/data.csv")
