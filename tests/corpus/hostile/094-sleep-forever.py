# attack: sleep far past the wall-clock limit (no CPU used)
# expect: contained:timeout
# unguarded: timeout
# timeout: 2
import time
time.sleep(10**6)
