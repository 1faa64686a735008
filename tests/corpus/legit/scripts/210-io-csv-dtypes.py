# source: pandas-dev/pandas doc/source/user_guide/io.rst, "Specifying column data types" and "Specifying categorical dtype"
# licence: BSD-3-Clause (pandas documentation)
# does: read_csv from StringIO with dtype=object, per-column dtypes, converters, to_numeric coercion, category dtypes and CategoricalDtype
# adapted: interactive echoes wrapped in print(); StringIO imported from io (the page imports it in a hidden setup block); the 1,000,000-row mixed-dtype demo left out (writes foo.csv in the current folder); the last note's categories assignment (removed in pandas 2) written with rename_categories
from io import StringIO

import numpy as np
import pandas as pd
from pandas.api.types import CategoricalDtype

data = ('a,b,c,d\n'
        '1,2,3,4\n'
        '5,6,7,8\n'
        '9,10,11')
print(data)
df = pd.read_csv(StringIO(data), dtype=object)
print(df)
print(df['a'][0])
df = pd.read_csv(StringIO(data),
                 dtype={'b': object, 'c': np.float64, 'd': 'Int64'})
print(df.dtypes)
data = ("col_1\n"
        "1\n"
        "2\n"
        "'A'\n"
        "4.22")
df = pd.read_csv(StringIO(data), converters={'col_1': str})
print(df)
print(df['col_1'].apply(type).value_counts())
df2 = pd.read_csv(StringIO(data))
df2['col_1'] = pd.to_numeric(df2['col_1'], errors='coerce')
print(df2)
print(df2['col_1'].apply(type).value_counts())
data = ('col1,col2,col3\n'
        'a,b,1\n'
        'a,b,2\n'
        'c,d,3')
print(pd.read_csv(StringIO(data)))
print(pd.read_csv(StringIO(data)).dtypes)
print(pd.read_csv(StringIO(data), dtype='category').dtypes)
print(pd.read_csv(StringIO(data), dtype={'col1': 'category'}).dtypes)
dtype = CategoricalDtype(['d', 'c', 'b', 'a'], ordered=True)
print(pd.read_csv(StringIO(data), dtype={'col1': dtype}).dtypes)
dtype = CategoricalDtype(['a', 'b', 'd'])  # No 'c'
print(pd.read_csv(StringIO(data), dtype={'col1': dtype}).col1)
df = pd.read_csv(StringIO(data), dtype='category')
print(df.dtypes)
print(df['col3'])
df['col3'] = df['col3'].cat.rename_categories(pd.to_numeric(df['col3'].cat.categories))
print(df['col3'])
