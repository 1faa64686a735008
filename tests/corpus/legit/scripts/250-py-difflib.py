# source: Python documentation, Doc/library/difflib.rst (SequenceMatcher examples, get_close_matches, unified_diff, ndiff)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: similarity ratios, matching blocks, opcodes, close matches, unified and ndiff diffs
# adapted: results printed; the unified diff written with sys.stdout.writelines as on the page
import sys
from difflib import SequenceMatcher, get_close_matches, unified_diff, ndiff, context_diff

s = SequenceMatcher(lambda x: x == " ",
                    "private Thread currentThread;",
                    "private volatile Thread currentThread;")
print(round(s.ratio(), 3))
for block in s.get_matching_blocks():
    print("a[%d] and b[%d] match for %d elements" % block)
for opcode in s.get_opcodes():
    print("%6s a[%d:%d] b[%d:%d]" % opcode)
print(get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']))
import keyword
print(get_close_matches('wheel', keyword.kwlist))
print(get_close_matches('pineapple', keyword.kwlist))
print(get_close_matches('accept', keyword.kwlist))
s1 = ['bacon\n', 'eggs\n', 'ham\n', 'guido\n']
s2 = ['python\n', 'eggy\n', 'hamster\n', 'guido\n']
sys.stdout.writelines(unified_diff(s1, s2, fromfile='before.py', tofile='after.py'))
sys.stdout.writelines(context_diff(s1, s2, fromfile='before.py', tofile='after.py'))
diff = ndiff('one\ntwo\nthree\n'.splitlines(keepends=True),
             'ore\ntree\nemu\n'.splitlines(keepends=True))
print(''.join(diff), end="")
