# attack: import pyodide_js (the JS module object)
# expect: precheck:import-not-allowed
# unguarded: python
import pyodide_js
pyodide_js.runPython("import os")
