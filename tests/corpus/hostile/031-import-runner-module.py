# attack: import the sandbox's own runner and re-run code with precheck=False
# expect: precheck:import-not-allowed
# unguarded: python
import runner
runner.run("import os; os.remove('/input/data.csv')", precheck=False)
