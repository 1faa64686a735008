# source: Python documentation, Doc/library/textwrap.rst and Doc/library/string.rst (format examples, Template)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: wraps and shortens text, dedents, format-spec mini-language examples, Template substitution
# adapted: results printed
import textwrap
from string import Template

sample_text = '''
    The textwrap module provides some convenience functions,
    as well as TextWrapper, the class that does all the work.
    You'll probably have to write a few lines of code.
    '''
print(textwrap.dedent(sample_text))
print(textwrap.fill(textwrap.dedent(sample_text).strip(), width=40))
print(textwrap.shorten("Hello  world!", width=12))
print(textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten("Hello world", width=10, placeholder="..."))
s = 'hello\n  world\n'
print(repr(textwrap.indent(s, '+ ')))

print('{0}, {1}, {2}'.format('a', 'b', 'c'))
print('{}, {}, {}'.format('a', 'b', 'c'))
print('{2}, {1}, {0}'.format('a', 'b', 'c'))
print('{0}{1}{0}'.format('abra', 'cad'))
print('Coordinates: {latitude}, {longitude}'.format(latitude='37.24N', longitude='-115.81W'))
coord = (3, 5)
print('X: {0[0]};  Y: {0[1]}'.format(coord))
print('{:<30}'.format('left aligned'))
print('{:>30}'.format('right aligned'))
print('{:^30}'.format('centered'))
print('{:*^30}'.format('centered'))  # use '*' as a fill char
print('{:+f}; {:+f}'.format(3.14, -3.14))  # show it always
print("int: {0:d};  hex: {0:x};  oct: {0:o};  bin: {0:b}".format(42))
print('{:,}'.format(1234567890))
points = 19
total = 22
print('Correct answers: {:.2%}'.format(points/total))
import datetime
d = datetime.datetime(2010, 7, 4, 12, 15, 58)
print('{:%Y-%m-%d %H:%M:%S}'.format(d))
for align, text in zip('<^>', ['left', 'center', 'right']):
    print('{0:{fill}{align}16}'.format(text, fill=align, align=align))

s = Template('$who likes $what')
print(s.substitute(who='tim', what='kung pao'))
d = dict(who='tim')
try:
    Template('Give $who $100').substitute(d)
except ValueError as exc:
    print("ValueError:", exc)
try:
    Template('$who likes $what').substitute(d)
except KeyError as exc:
    print("KeyError:", exc)
print(Template('$who likes $what').safe_substitute(d))
