# attack: the builtins module to reach the real open/__import__
# expect: precheck:import-not-allowed
# unguarded: python
import builtins
builtins.open("/input/data.csv", "w").write("pwned")
