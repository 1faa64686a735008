# attack: star import of a pandas submodule that holds os
# expect: precheck:star-import
# unguarded: python
from pandas.io.common import *
os.remove("/input/data.csv")
