# attack: np.fromfile on /proc/self/maps
# expect: precheck:path-outside-sandbox
# unguarded: python
import numpy as np
print(np.fromfile("/proc/self/maps", dtype=np.uint8)[:10])
