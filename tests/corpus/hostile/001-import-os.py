# attack: import os and run a shell command
# expect: precheck:restricted-module
# unguarded: python
import os
os.system("rm -f /input/data.csv")
