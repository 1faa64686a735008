# attack: import os and run a shell command
# expect: precheck:import-not-allowed
# unguarded: python
import os
os.system("rm -f /input/data.csv")
