# source: Python documentation, Doc/tutorial/stdlib.rst and stdlib2.rst (string pattern matching, mathematics, dates, output formatting, templating, multi-threading-free parts, decimal)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: re.findall/sub, math, random with a seed, statistics, date arithmetic, reprlib/pprint/textwrap, locale-free formatting, Template renaming, struct, Decimal money
# adapted: random.seed(12345) added so both runs compare; date.today() replaced by date(2003, 12, 2) (the page's output); the os/glob/sys/urllib/smtplib/zlib/timeit/doctest/threading parts left out: no shell, network or threads are wanted in a data script
import re
print(re.findall(r'\bf[a-z]*', 'which foot or hand fell fastest'))
print(re.sub(r'(\b[a-z]+) \1', r'\1', 'cat in the the hat'))
print('tea for too'.replace('too', 'two'))
import math
print(math.cos(math.pi / 4))
print(math.log(1024, 2))
import random
random.seed(12345)
print(random.choice(['apple', 'pear', 'banana']))
print(random.sample(range(100), 10))   # sampling without replacement
print(random.random())    # random float from the interval [0.0, 1.0)
print(random.randrange(6))    # random integer chosen from range(6)
import statistics
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(statistics.mean(data))
print(statistics.median(data))
print(statistics.variance(data))
from datetime import date
now = date(2003, 12, 2)
print(now)
print(now.strftime("%m-%d-%y. %d %b %Y is a %A on the %d day of %B."))
birthday = date(1964, 7, 31)
age = now - birthday
print(age.days)
import reprlib
print(reprlib.repr(set('supercalifragilisticexpialidocious')))
import pprint
t = [[[['black', 'cyan'], 'white', ['green', 'red']], [['magenta',
    'yellow'], 'blue']]]
pprint.pprint(t, width=30)
import textwrap
doc = """The wrap() method is just like fill() except that it returns
a list of strings instead of one big string with newlines to separate
the wrapped lines."""
print(textwrap.fill(doc, width=40))
from string import Template
t = Template('${village}folk send $$10 to $cause.')
print(t.substitute(village='Nottingham', cause='the ditch fund'))
import time, os.path
photofiles = ['img_1074.jpg', 'img_1076.jpg', 'img_1077.jpg']
class BatchRename(Template):
    delimiter = '%'
fmt = 'Ashley_%n%f'
t = BatchRename(fmt)
date_str = time.strftime('%d%b%y', time.struct_time((2003, 12, 2, 0, 0, 0, 1, 336, 0)))
for i, filename in enumerate(photofiles):
    base, ext = os.path.splitext(filename)
    newname = t.substitute(d=date_str, n=i, f=ext)
    print('{0} --> {1}'.format(filename, newname))
import struct
record = struct.pack('<IIHH', 0x04034b50, 0xdeadbeef, 20, 8)
print(struct.unpack('<IIHH', record))
from decimal import Decimal
print(round(Decimal('0.70') * Decimal('1.05'), 2))
print(round(.70 * 1.05, 2))
print(Decimal('1.00') % Decimal('.10'))
print(1.00 % 0.10)
print(sum([Decimal('0.1')]*10) == Decimal('1.0'))
print(0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 == 1.0)
