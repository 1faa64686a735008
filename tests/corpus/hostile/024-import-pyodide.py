# attack: import pyodide and run JavaScript
# expect: precheck:import-not-allowed
# unguarded: python
import pyodide
pyodide.code.run_js("fetch('CANARY_URL')")
