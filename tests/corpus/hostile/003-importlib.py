# attack: importlib.import_module with a built name
# expect: precheck:import-not-allowed
# unguarded: python
import importlib
importlib.import_module("o" + "s").remove("/input/data.csv")
