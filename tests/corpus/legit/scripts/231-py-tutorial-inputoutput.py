# source: Python documentation, Doc/tutorial/inputoutput.rst (formatted string literals, str.format, manual formatting, reading and writing files, json)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: f-strings with format specs, a table of squares and cubes, str.format with a dict, rjust/zfill, writing and reading a file, json dump/load
# adapted: workfile written to /output/workfile; interactive echoes wrapped in print()
import json
import math

year = 2016
event = 'Referendum'
print(f'Results of the {year} {event}')
yes_votes = 42_572_654
total_votes = 85_705_149
percentage = yes_votes / total_votes
print('{:-9} YES votes  {:2.2%}'.format(yes_votes, percentage))
print(f'The value of pi is approximately {math.pi:.3f}.')
table = {'Sjoerd': 4127, 'Jack': 4098, 'Dcab': 7678}
for name, phone in table.items():
    print(f'{name:10} ==> {phone:10d}')
animals = 'eels'
print(f'My hovercraft is full of {animals}.')
print(f'My hovercraft is full of {animals!r}.')
bugs = 'roaches'
count = 13
area = 'living room'
print(f'Debugging {bugs=} {count=} {area=}')
print('We are the {} who say "{}!"'.format('knights', 'Ni'))
print('{1} and {0}'.format('spam', 'eggs'))
print('This {food} is {adjective}.'.format(food='spam', adjective='absolutely horrible'))
table = {'Sjoerd': 4127, 'Jack': 4098, 'Dcab': 8637678}
print('Jack: {0[Jack]:d}; Sjoerd: {0[Sjoerd]:d}; '
      'Dcab: {0[Dcab]:d}'.format(table))
print('Jack: {Jack:d}; Sjoerd: {Sjoerd:d}; Dcab: {Dcab:d}'.format(**table))
for x in range(1, 11):
    print('{0:2d} {1:3d} {2:4d}'.format(x, x*x, x*x*x))
for x in range(1, 11):
    print(repr(x).rjust(2), repr(x*x).rjust(3), end=' ')
    # Note use of 'end' on previous line
    print(repr(x*x*x).rjust(4))
print('12'.zfill(5))
print('-3.14'.zfill(7))
print('3.14159265359'.zfill(5))
print('The value of pi is approximately %5.3f.' % math.pi)

with open('/output/workfile', 'w', encoding="utf-8") as f:
    f.write('This is the first line of the file.\n')
    f.write('Second line of the file\n')
    value = ('the answer', 42)
    s = str(value)  # convert the tuple to string
    f.write(s)
print(f.closed)
with open('/output/workfile', encoding="utf-8") as f:
    read_data = f.read()
print(read_data)
with open('/output/workfile', encoding="utf-8") as f:
    for line in f:
        print(line, end='')
print()
x = [1, 'simple', 'list']
print(json.dumps(x))
with open('/output/data.json', 'w', encoding='utf-8') as f:
    json.dump(x, f)
with open('/output/data.json', encoding='utf-8') as f:
    print(json.load(f))
