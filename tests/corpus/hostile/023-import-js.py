# attack: import js (Pyodide's bridge to JavaScript) and fetch the canary
# expect: precheck:import-not-allowed
# unguarded: python
import js
js.fetch("CANARY_URL")
