# attack: numpy.core.numeric.sys to fetch os
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import numpy as np
np.core.numeric.sys.modules["os"].remove("/input/data.csv")
