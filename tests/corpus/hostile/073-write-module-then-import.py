# attack: write evil_mod.py into /output, then import it
# expect: precheck:import-not-allowed
# unguarded: python
with open("/output/evil_mod.py", "w") as fh:
    fh.write("open('/input/data.csv', 'w').write('pwned')\n")
import evil_mod
