# source: pandas-dev/pandas doc/source/user_guide/indexing.rst, "Returning a view versus a copy" and "Evaluation order matters"
# licence: BSD-3-Clause (pandas documentation)
# does: chained indexing on a MultiIndex frame, the SettingWithCopyWarning of chained assignment, the .loc way, and mode.chained_assignment
# adapted: interactive echoes wrapped in print(); the raising option block (pd.set_option('mode.chained_assignment','raise')) wrapped in try/except and the option reset to 'warn'
import numpy as np
import pandas as pd

dfmi = pd.DataFrame([list('abcd'),
                     list('efgh'),
                     list('ijkl'),
                     list('mnop')],
                    columns=pd.MultiIndex.from_product([['one', 'two'],
                                                        ['first', 'second']]))
print(dfmi)
print(dfmi['one']['second'])
print(dfmi.loc[:, ('one', 'second')])
value = None
dfmi.loc[:, ('one', 'second')] = value
print(dfmi)

dfb = pd.DataFrame({'a': ['one', 'one', 'two',
                          'three', 'two', 'one', 'six'],
                    'c': np.arange(7)})

# This will show the SettingWithCopyWarning
# but the frame values will be set
dfb['c'][dfb['a'].str.startswith('o')] = 42
print(dfb)
pd.set_option('mode.chained_assignment', 'raise')
try:
    dfb[dfb['a'].str.startswith('o')]['c'] = 42
except pd.errors.SettingWithCopyError as exc:
    print("SettingWithCopyError:", str(exc).splitlines()[0])
pd.set_option('mode.chained_assignment', 'warn')
dfc = pd.DataFrame({'a': ['one', 'one', 'two',
                          'three', 'two', 'one', 'six'],
                    'c': np.arange(7)})
dfd = dfc.copy()
# Setting multiple items using a mask
mask = dfd['a'].str.startswith('o')
dfd.loc[mask, 'c'] = 42
print(dfd)
# Setting a single item
dfd = dfc.copy()
dfd.loc[2, 'a'] = 11
print(dfd)
dfc = pd.DataFrame({'A': ['aaa', 'bbb', 'ccc'], 'B': [1, 2, 3]})
dfc.loc[0, 'A'] = 11
print(dfc)
big = dfc[dfc['B'] > 1]
big['C'] = big['B'] * 10
print(big)
