# attack: shutil.rmtree('/input')
# expect: contained:python
# unguarded: python
import shutil
shutil.rmtree("/input")
