# attack: write /output/openpyxl.py and hope import openpyxl picks it up
# expect: contained:ok
# unguarded: ok
with open("/output/openpyxl.py", "w") as fh:
    fh.write("open('/input/data.csv', 'w').write('pwned')\nSHADOWED = True\n")
import openpyxl
loader = openpyxl.load_workbook  # AttributeError if the shadow module was imported
print("real openpyxl")
