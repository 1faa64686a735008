# source: pandas-dev/pandas doc/source/user_guide/io.rst, "Naming and using columns", "Filtering columns (usecols)", "Comments and empty lines"
# licence: BSD-3-Clause (pandas documentation)
# does: header and names, header on a later row, duplicate names, usecols by name/position/callable, comments, blank lines, skiprows
# adapted: interactive echoes wrapped in print(); StringIO imported from io (the page imports it in a hidden setup block)
from io import StringIO

import pandas as pd

data = ('a,b,c\n'
        '1,2,3\n'
        '4,5,6\n'
        '7,8,9')
print(data)
print(pd.read_csv(StringIO(data)))
print(pd.read_csv(StringIO(data), names=['foo', 'bar', 'baz'], header=0))
print(pd.read_csv(StringIO(data), names=['foo', 'bar', 'baz'], header=None))
data = ('skip this skip it\n'
        'a,b,c\n'
        '1,2,3\n'
        '4,5,6\n'
        '7,8,9')
print(pd.read_csv(StringIO(data), header=1))
data = ('a,b,a\n'
        '0,1,2\n'
        '3,4,5')
print(pd.read_csv(StringIO(data)))
data = 'a,b,c,d\n1,2,3,foo\n4,5,6,bar\n7,8,9,baz'
print(pd.read_csv(StringIO(data)))
print(pd.read_csv(StringIO(data), usecols=['b', 'd']))
print(pd.read_csv(StringIO(data), usecols=[0, 2, 3]))
print(pd.read_csv(StringIO(data), usecols=lambda x: x.upper() in ['A', 'C']))
print(pd.read_csv(StringIO(data), usecols=lambda x: x not in ['a', 'c']))
data = ('\n'
        'a,b,c\n'
        '  \n'
        '# commented line\n'
        '1,2,3\n'
        '\n'
        '4,5,6')
print(data)
print(pd.read_csv(StringIO(data), comment='#'))
data = ('a,b,c\n'
        '\n'
        '1,2,3\n'
        '\n'
        '\n'
        '4,5,6')
print(pd.read_csv(StringIO(data), skip_blank_lines=False))
data = ('#comment\n'
        'a,b,c\n'
        'A,B,C\n'
        '1,2,3')
print(pd.read_csv(StringIO(data), comment='#', header=1))
data = ('A,B,C\n'
        '#comment\n'
        'a,b,c\n'
        '1,2,3')
print(pd.read_csv(StringIO(data), comment='#', skiprows=2))
data = ('# empty\n'
        '# second empty line\n'
        '# third emptyline\n'
        'X,Y,Z\n'
        '1,2,3\n'
        'A,B,C\n'
        '1,2.,4.\n'
        '5.,NaN,10.0\n')
print(data)
print(pd.read_csv(StringIO(data), comment='#', skiprows=4, header=1))
