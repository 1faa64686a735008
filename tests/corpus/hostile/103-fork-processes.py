# attack: fork 200 sleeping processes through multiprocessing
# expect: precheck:import-not-allowed
# unguarded: python
import multiprocessing
import time
procs = [multiprocessing.Process(target=time.sleep, args=(30,)) for _ in range(200)]
for p in procs:
    p.start()
