# source: Python documentation, Doc/library/collections.rst "namedtuple" (reading a CSV into named tuples)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: turns CSV rows into named tuples with _make and prints fields; _asdict, _replace, _fields
# adapted: employees.csv read as /input/people.csv with matching field names
from collections import namedtuple
import csv

EmployeeRecord = namedtuple('EmployeeRecord', 'name, email, phone, joined, department')

for emp in map(EmployeeRecord._make, csv.reader(open("/input/people.csv", "r", newline=""))):
    print(emp.name, emp.department)

Point = namedtuple('Point', ['x', 'y'])
p = Point(11, y=22)
print(p[0] + p[1])
x, y = p
print(x, y)
print(p.x + p.y)
print(p)
print(p._asdict())
print(p._replace(x=33))
print(p._fields)
Color = namedtuple('Color', 'red green blue')
Pixel = namedtuple('Pixel', Point._fields + Color._fields)
print(Pixel(11, 22, 128, 255, 0))
print(getattr(p, 'x'))
print(Point(**{'x': 11, 'y': 22}))
