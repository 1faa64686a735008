# source: openpyxl documentation, doc/styles.rst "Introduction" and "Cell Styles" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: builds the default Font, PatternFill, Border, Alignment, Protection, and red fonts on cells
# adapted: colors.RED (gone in openpyxl 3) written as its value "FFFF0000"; objects printed; workbook saved to /output/styles.xlsx so the result is compared
from openpyxl.styles import PatternFill, Border, Side, Alignment, Protection, Font
font = Font(name='Calibri',
                size=11,
                bold=False,
                italic=False,
                vertAlign=None,
                underline='none',
                strike=False,
                color='FF000000')
fill = PatternFill(fill_type=None,
                start_color='FFFFFFFF',
                end_color='FF000000')
border = Border(left=Side(border_style=None,
                          color='FF000000'),
                right=Side(border_style=None,
                           color='FF000000'),
                top=Side(border_style=None,
                         color='FF000000'),
                bottom=Side(border_style=None,
                            color='FF000000'),
                diagonal=Side(border_style=None,
                              color='FF000000'),
                diagonal_direction=0,
                outline=Side(border_style=None,
                             color='FF000000'),
                vertical=Side(border_style=None,
                              color='FF000000'),
                horizontal=Side(border_style=None,
                               color='FF000000')
               )
alignment=Alignment(horizontal='general',
                    vertical='bottom',
                    text_rotation=0,
                    wrap_text=False,
                    shrink_to_fit=False,
                    indent=0)
number_format = 'General'
protection = Protection(locked=True,
                        hidden=False)
print(font.name, font.size, fill.fill_type, alignment.vertical, protection.locked)

from openpyxl.styles import Font, Color
from openpyxl import Workbook
wb = Workbook()
ws = wb.active

a1 = ws['A1']
d4 = ws['D4']
ft = Font(color="FFFF0000")
a1.font = ft
d4.font = ft
# If you want to change the color of a Font, you need to reassign it::
a1.font = Font(color="FFFF0000", italic=True) # the change only affects A1
print(a1.font.italic, d4.font.italic, a1.font.color.rgb)
wb.save("/output/styles.xlsx")
