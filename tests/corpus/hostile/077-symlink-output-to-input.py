# attack: make /output/link point at an input so the caller reads through it
# expect: contained:python
# unguarded: python
from pathlib import Path
Path("/output/link.csv").symlink_to("/input/data.csv")
