# source: pandas-dev/pandas doc/source/user_guide/indexing.rst, "Duplicate data"
# licence: BSD-3-Clause (pandas documentation)
# does: duplicated and drop_duplicates with keep='first'/'last'/False and subsets, index.duplicated
# adapted: nothing
import numpy as np
import pandas as pd

np.random.seed(0)
df2 = pd.DataFrame({'a': ['one', 'one', 'two', 'two', 'two', 'three', 'four'],
                    'b': ['x', 'y', 'x', 'y', 'x', 'x', 'x'],
                    'c': np.random.randn(7)})
print(df2)
print(df2.duplicated('a'))
print(df2.duplicated('a', keep='last'))
print(df2.duplicated('a', keep=False))
print(df2.drop_duplicates('a'))
print(df2.drop_duplicates('a', keep='last'))
print(df2.drop_duplicates('a', keep=False))
print(df2.duplicated(['a', 'b']))
print(df2.drop_duplicates(['a', 'b']))
df3 = pd.DataFrame({'a': np.arange(6),
                    'b': np.random.randn(6)},
                   index=['a', 'a', 'b', 'c', 'b', 'a'])
print(df3)
print(df3.index.duplicated())
print(df3[~df3.index.duplicated()])
print(df3[~df3.index.duplicated(keep='last')])
print(df3[~df3.index.duplicated(keep=False)])
