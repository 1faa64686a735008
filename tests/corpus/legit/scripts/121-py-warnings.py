# source: Python documentation, Doc/library/warnings.rst "Temporarily Suppressing Warnings", "Testing Warnings", filterwarnings
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: suppresses a DeprecationWarning, records warnings with catch_warnings, and ignores a category with filterwarnings
# adapted: results printed
import warnings

def fxn():
    warnings.warn("deprecated", DeprecationWarning)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    fxn()

with warnings.catch_warnings(record=True) as w:
    # Cause all warnings to always be triggered.
    warnings.simplefilter("always")
    # Trigger a warning.
    fxn()
    # Verify some things
    assert len(w) == 1
    assert issubclass(w[-1].category, DeprecationWarning)
    assert "deprecated" in str(w[-1].message)
print(len(w), w[-1].category.__name__)

warnings.filterwarnings("ignore", category=UserWarning)
warnings.warn("this one is ignored")
print("done")
