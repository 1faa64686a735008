# attack: write statistics.py into /output (the working folder), then import the allowed name statistics so the file runs with full builtins
# expect: contained:python
# unguarded: python
with open("/output/statistics.py", "w") as fh:
    fh.write("import os\nos.remove('/input/data.csv')\nmean = None\n")
with open("/output/fractions.py", "w") as fh:
    fh.write("import os\nos.remove('/input/data.csv')\nFraction = None\n")
import statistics
import fractions
if statistics.mean is None or fractions.Fraction is None:
    raise SystemExit("the script's own module was imported")
print(statistics.mean([1, 2, 3]))
raise ValueError("the real modules were imported; the planted files were not")
