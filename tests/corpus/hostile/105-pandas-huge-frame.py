# attack: a 8 GB DataFrame
# expect: contained:memory
# unguarded: memory
import numpy as np
import pandas as pd
frame = pd.DataFrame(np.zeros((10**5, 10**4)))
