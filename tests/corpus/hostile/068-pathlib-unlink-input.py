# attack: delete an input with pathlib
# expect: contained:python
# unguarded: python
from pathlib import Path
Path("/input/data.csv").unlink()
