# attack: from pandas.io.common import os
# expect: precheck:import-not-allowed|contained:python
# unguarded: python
from pandas.io.common import os
os.remove("/input/data.csv")
