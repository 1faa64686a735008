# source: Python documentation, Doc/library/glob.rst, Doc/library/fnmatch.rst and Doc/library/os.rst (listdir, scandir) examples
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: lists input files with glob patterns (root_dir, recursive), fnmatch over os.listdir, os.scandir with sizes
# adapted: the translated pattern is used (re.match) instead of printed: Python 3.14 writes its end anchor \\z, 3.11 \\Z (a version difference); the pages' example folder ('.', '*.gif', '*.txt') replaced by /input and the generated file names
import fnmatch
import glob
import os
import re

print(sorted(glob.glob('/input/*.csv')))
print(sorted(glob.glob('/input/?????.xlsx')))
print(sorted(glob.glob('/input/[gn]*')))
print(sorted(glob.glob('**/*.json', root_dir='/input', recursive=True)))
print(sorted(glob.iglob('/input/*.txt')))
print(glob.escape('/input/[draft].xlsx'))
for file in sorted(os.listdir('/input')):
    if fnmatch.fnmatch(file, '*.txt'):
        print(file)
print(fnmatch.filter(sorted(os.listdir('/input')), '*.xlsx'))
regex = fnmatch.translate('*.csv')
print(bool(re.match(regex, 'sales.csv')))
with os.scandir('/input') as it:
    for entry in sorted(it, key=lambda e: e.name):
        if not entry.name.startswith('.') and entry.is_file():
            print(entry.name, entry.stat().st_size > 0)
print(os.path.exists('/input/sales.csv'), os.path.isfile('/input'), os.path.isdir('/input'))
print(os.path.basename('/input/sales.csv'), os.path.dirname('/input/sales.csv'), os.path.splitext('report.final.xlsx'))
