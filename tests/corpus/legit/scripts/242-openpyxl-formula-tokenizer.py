# source: openpyxl documentation, doc/formula.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: tokenizes an IF/MAX formula and translates a SUM formula one column to the right
# adapted: the Translator example's missing .translate_formula("G2") call added (the page shows its result); ws is a new sheet
from openpyxl import Workbook
from openpyxl.formula import Tokenizer
tok = Tokenizer("""=IF($A$1,"then True",MAX(DEFAULT_VAL,'Sheet 2'!B1))""")
print("\n".join("%12s%11s%9s" % (t.value, t.type, t.subtype) for t in tok.items))

from openpyxl.formula.translate import Translator
ws = Workbook().active
ws['F2'] = "=SUM(B2:E2)"
# move the formula one colum to the right
formula = Translator("=SUM(B2:E2)", "F2").translate_formula("G2")
print(formula)
