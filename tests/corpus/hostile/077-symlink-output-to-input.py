# attack: make /output/link point at an input so the caller reads through it
# expect: precheck:import-not-allowed
# unguarded: python
from pathlib import Path
Path("/output/link.csv").symlink_to("/input/data.csv")
