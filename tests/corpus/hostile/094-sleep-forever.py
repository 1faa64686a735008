# attack: sleep far past the wall-clock limit (no CPU used)
# expect: precheck:import-not-allowed
# unguarded: python|timeout
# timeout: 2
import time
time.sleep(10**6)
