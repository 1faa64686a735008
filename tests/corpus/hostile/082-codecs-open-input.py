# attack: codecs.open to write an input
# expect: precheck:import-not-allowed
# unguarded: python
import codecs
codecs.open("/input/data.csv", "w").write("pwned")
