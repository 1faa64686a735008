# source: openpyxl documentation, doc/comments.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: comments with text and author, copied to several cells, with dimensions
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.comments import Comment
wb = Workbook()
ws = wb.active
comment = ws["A1"].comment
comment = Comment('This is the comment text', 'Comment Author')
print(comment.text)
print(comment.author)

from openpyxl import Workbook
from openpyxl.comments import Comment
wb=Workbook()
ws=wb.active
comment = Comment("Text", "Author")
ws["A1"].comment = comment
ws["B2"].comment = comment
print(ws["A1"].comment is comment)
print(ws["B2"].comment is comment)

from openpyxl import Workbook
from openpyxl.comments import Comment

wb=Workbook()
ws=wb.active

comment = Comment("Text", "Author")
comment.width = 300
comment.height = 30

ws["A1"].comment = comment

wb.save('/output/commented_book.xlsx')
