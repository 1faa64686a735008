"""Workbook safety while model-written code runs: the profile's checks, applied to every zip read.

The profile refuses zip bombs and XML with entity declarations before it parses anything,
but the user's script opens the same files itself (openpyxl, pandas.read_excel). Without
this guard, reading one sheet of a 3 MB zip bomb inflates gigabytes into memory, and a
DTD reaches the XML parser. While a run is active, every member a ZipFile opens for
reading is checked first against the sizes in the zip directory and for a DTD in its
prolog, with the same limits and messages as the profiler, input_profile/ (both use
zip_safety.py); a refused member raises RefusedFile (a zipfile.BadZipFile, so library code
treats it as a bad file).
"""
import contextlib
import zipfile

import zip_safety


class RefusedFile(zipfile.BadZipFile):
    """A workbook part refused before it was inflated or parsed; the message says why and what to do."""


@contextlib.contextmanager
def guarded_zip_reads():
    original = zipfile.ZipFile.open
    checking = [False]  # the prolog check opens the member itself: let that through

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        if mode == "r" and not checking[0]:
            info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
            problem = zip_safety.zip_member_problem(info)
            if problem is None:
                checking[0] = True
                try:
                    problem = zip_safety.xml_part_problem(self, info)
                finally:
                    checking[0] = False
            if problem:
                raise RefusedFile(problem)
        return original(self, name, mode, pwd, force_zip64=force_zip64)

    zipfile.ZipFile.open = open
    try:
        yield
    finally:
        zipfile.ZipFile.open = original
