# source: pandas-dev/pandas doc/source/user_guide/io.rst, "Comments", "Dealing with Unicode data", "Index columns and trailing delimiters", "Specifying date columns"
# licence: BSD-3-Clause (pandas documentation)
# does: a file with trailing comments, latin-1 bytes through BytesIO, index columns, trailing delimiters, parse_dates on the index
# adapted: interactive echoes wrapped in print(); StringIO imported from io (the page imports it in a hidden setup block); tmp.csv and foo.csv, which the page writes in hidden blocks in the current folder, written to /output/ and read from there
from io import BytesIO, StringIO

import pandas as pd

data = ("ID,level,category\n"
        "Patient1,123000,x # really unpleasant\n"
        "Patient2,23000,y # wouldn't take his medicine\n"
        "Patient3,1234018,z # awesome")
with open('/output/tmp.csv', 'w') as fh:
    fh.write(data)
print(open('/output/tmp.csv').read())
df = pd.read_csv('/output/tmp.csv')
print(df)
df = pd.read_csv('/output/tmp.csv', comment='#')
print(df)
data = (b'word,length\n'
        b'Tr\xc3\xa4umen,7\n'
        b'Gr\xc3\xbc\xc3\x9fe,5')
data = data.decode('utf8').encode('latin-1')
df = pd.read_csv(BytesIO(data), encoding='latin-1')
print(df)
print(df['word'][1])
data = ('a,b,c\n'
        '4,apple,bat,5.7\n'
        '8,orange,cow,10')
print(pd.read_csv(StringIO(data)))
data = ('index,a,b,c\n'
        '4,apple,bat,5.7\n'
        '8,orange,cow,10')
print(pd.read_csv(StringIO(data), index_col=0))
data = ('a,b,c\n'
        '4,apple,bat,\n'
        '8,orange,cow,')
print(data)
print(pd.read_csv(StringIO(data)))
print(pd.read_csv(StringIO(data), index_col=False))
print(pd.read_csv(StringIO(data), usecols=['b', 'c']))
print(pd.read_csv(StringIO(data), usecols=['b', 'c'], index_col=0))
f = open('/output/foo.csv', 'w')
f.write('date,A,B,C\n20090101,a,1,2\n20090102,b,3,4\n20090103,c,4,5')
f.close()
# Use a column as an index, and parse it as dates.
df = pd.read_csv('/output/foo.csv', index_col=0, parse_dates=True)
print(df)
# These are Python datetime objects
print(df.index)
