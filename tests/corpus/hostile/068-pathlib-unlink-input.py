# attack: delete an input with pathlib
# expect: precheck:import-not-allowed
# unguarded: python
from pathlib import Path
Path("/input/data.csv").unlink()
