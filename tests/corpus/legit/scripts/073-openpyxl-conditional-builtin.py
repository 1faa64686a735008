# source: openpyxl documentation, doc/formatting.rst "Builtin formats" (ColorScale, IconSet, DataBar) (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: builds color-scale, icon-set and data-bar rules with the full syntax and the convenience factories, and applies them
# adapted: the rules are added to a sheet with numbers and saved to /output/builtin_cf.xlsx so the result is compared
from openpyxl.formatting import Rule
from openpyxl.styles import Font, PatternFill, Border
from openpyxl.styles.differential import DifferentialStyle
dxf = DifferentialStyle(font=Font(bold=True), fill=PatternFill(start_color='EE1111', end_color='EE1111'))
rule = Rule(type='cellIs', dxf=dxf, formula=["10"])

from openpyxl.formatting.rule import ColorScale, FormatObject
from openpyxl.styles import Color
first = FormatObject(type='min')
last = FormatObject(type='max')
# colors match the format objects:
colors = [Color('AA0000'), Color('00AA00')]
cs2 = ColorScale(cfvo=[first, last], color=colors)
# a three color scale would extend the sequences
mid = FormatObject(type='num', val=40)
colors.insert(1, Color('00AA00'))
cs3 = ColorScale(cfvo=[first, mid, last], color=colors)
# create a rule with the color scale
from openpyxl.formatting.rule import Rule
rule_cs = Rule(type='colorScale', colorScale=cs3)

from openpyxl.formatting.rule import ColorScaleRule
rule_csr = ColorScaleRule(start_type='percentile', start_value=10, start_color='FFAA0000',
                      mid_type='percentile', mid_value=50, mid_color='FF0000AA',
                      end_type='percentile', end_value=90, end_color='FF00AA00')

from openpyxl.formatting.rule import IconSet, FormatObject
first = FormatObject(type='percent', val=0)
second = FormatObject(type='percent', val=33)
third = FormatObject(type='percent', val=67)
iconset = IconSet(iconSet='3TrafficLights1', cfvo=[first, second, third], showValue=None, percent=None, reverse=None)
# assign the icon set to a rule
rule_is = Rule(type='iconSet', iconSet=iconset)
from openpyxl.formatting.rule import IconSetRule
rule_isr = IconSetRule('5Arrows', 'percent', [10, 20, 30, 40, 50], showValue=None, percent=None, reverse=None)

from openpyxl.formatting.rule import DataBar, FormatObject
first = FormatObject(type='min')
second = FormatObject(type='max')
data_bar = DataBar(cfvo=[first, second], color="638EC6", showValue=None, minLength=None, maxLength=None)
# assign the data bar to a rule
rule_db = Rule(type='dataBar', dataBar=data_bar)
from openpyxl.formatting.rule import DataBarRule
rule_dbr = DataBarRule(start_type='percentile', start_value=10, end_type='percentile', end_value='90',
                   color="FF638EC6", showValue="None", minLength=None, maxLength=None)

from openpyxl import Workbook
wb = Workbook()
ws = wb.active
for i in range(1, 21):
    ws.append([i * j for j in range(1, 8)])
for column, r in zip("ABCDEFG", [rule, rule_cs, rule_csr, rule_is, rule_isr, rule_db, rule_dbr]):
    ws.conditional_formatting.add(f"{column}1:{column}20", r)
print(len(ws.conditional_formatting))
wb.save("/output/builtin_cf.xlsx")
