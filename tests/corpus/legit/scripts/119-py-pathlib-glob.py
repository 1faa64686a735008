# source: Python documentation, Doc/library/pathlib.rst "Basic use" and "Methods" (glob, suffix, stem, read_text), Doc/library/glob.rst
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: lists the input folder with pathlib and glob, reads a text file, inspects path parts
# adapted: '.' and '*.py' replaced by /input and '*.csv' / '*.xlsx' (the folder the script reads)
from pathlib import Path, PurePath
import glob
import os.path

p = Path('/input')
print(sorted(x.name for x in p.iterdir() if x.is_file()))
print(sorted(str(q) for q in p.glob('*.csv')))
print(sorted(glob.glob('/input/*.xlsx')))
print(sorted(os.path.basename(f) for f in glob.glob('/input/*.*')))
q = p / 'notes.txt'
print(q)
print(q.exists(), q.is_dir())
with q.open() as f:
    print(f.readline().rstrip())
print(q.suffix, q.stem, q.name, q.parent)
print(PurePath('/input/sales.xlsx').with_suffix('.csv'))
print(len(q.read_text().splitlines()))
print(os.path.splitext('/input/sales.xlsx'))
print(os.path.join('/output', 'report.xlsx'))
print(os.path.getsize('/input/notes.txt') > 0)
