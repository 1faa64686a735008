# attack: to_js({}).constructor.constructor: climb to Function
# expect: precheck:import-not-allowed
# unguarded: python
from pyodide.ffi import to_js
to_js({}).constructor.constructor("return fetch('CANARY_URL')")()
