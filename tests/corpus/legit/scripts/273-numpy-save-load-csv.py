# source: numpy/numpy doc/source/user/absolute_beginners.rst "How to save and load NumPy objects" and "Importing and exporting a CSV" (np.save, np.load, np.savetxt, np.loadtxt; pandas read_csv/to_csv)
# licence: BSD-3-Clause (NumPy documentation)
# does: saves and loads an array as .npy and as text, and goes through pandas for a CSV with a header
# adapted: filename and music.csv written to /output/; the page's music.csv read as /input/sales.csv columns Units and Sales
import numpy as np
import pandas as pd

a = np.array([1, 2, 3, 4, 5, 6])
np.save('/output/filename', a)
b = np.load('/output/filename.npy')
print(b)
csv_arr = np.array([1, 2, 3, 4, 5, 6, 7, 8])
np.savetxt('/output/new_file.csv', csv_arr)
print(np.loadtxt('/output/new_file.csv'))
x = pd.read_csv('/input/sales.csv', header=0).values
print(x[:3])
x = pd.read_csv('/input/sales.csv', usecols=['Units', 'Sales']).values
print(x[:3])
a = np.array([[-2.58289208,  0.43014843, -1.24082018, 1.59572603],
              [ 0.99027828, 1.17150989,  0.94125714, -0.14692469],
              [ 0.76989341,  0.81299683, -0.95068423, 0.11769564],
              [ 0.20484034,  0.34784527,  1.96979195, 0.51992837]])
df = pd.DataFrame(a)
print(df)
df.to_csv('/output/pd.csv')
data = pd.read_csv('/output/pd.csv')
np.savetxt('/output/np.csv', a, fmt='%.2f', delimiter=',', header='1,  2,  3,  4')
print(open('/output/np.csv').read())
