# attack: a utf-7 coding cookie hides an import inside what looks like a comment -*- coding: utf-7 -*-
# expect: precheck:import-not-allowed|contained:ok
# unguarded: python|ok
x = 1 #+AAo-import os+AAo-os.remove(+ACI-/input/data.csv+ACI-)
print(x)
