# attack: a numpy array of 8 TB
# expect: contained:memory
# unguarded: memory
import numpy as np
arr = np.ones((10**6, 10**6))
