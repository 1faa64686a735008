# attack: subprocess running curl to the canary
# expect: precheck:import-not-allowed
# unguarded: python
import subprocess
subprocess.run(["curl", "-s", "CANARY_URL"], timeout=2)
