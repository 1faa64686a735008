# attack: shutil.rmtree('/input')
# expect: precheck:import-not-allowed
# unguarded: python
import shutil
shutil.rmtree("/input")
