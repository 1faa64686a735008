# attack: sys.modules to fetch an already-loaded os
# expect: precheck:restricted-module
# unguarded: python
import sys
sys.modules["os"].remove("/input/data.csv")
