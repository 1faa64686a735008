# source: Python documentation, Doc/library/contextlib.rst (suppress, closing, ExitStack, contextmanager) and Doc/library/copy.rst
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: a contextmanager tag, suppressing FileNotFoundError, ExitStack over several input files, shallow vs deep copies
# adapted: the files opened are /input files; a missing one is /input/missing.txt
import copy
from contextlib import contextmanager, suppress, ExitStack, redirect_stdout
import io

@contextmanager
def tag(name):
    print("<%s>" % name)
    yield
    print("</%s>" % name)

with tag("h1"):
    print("foo")

with suppress(FileNotFoundError):
    open('/input/missing.txt')
print("after suppress")

filenames = ['/input/notes.txt', '/input/people.csv']
with ExitStack() as stack:
    files = [stack.enter_context(open(fname)) for fname in filenames]
    print([f.readline().strip()[:20] for f in files])

f = io.StringIO()
with redirect_stdout(f):
    help(pow)
s = f.getvalue()
print(s.splitlines()[0])

a = [[1, 2], [3, 4]]
b = copy.copy(a)
c = copy.deepcopy(a)
a[0].append(99)
print(b, c)
