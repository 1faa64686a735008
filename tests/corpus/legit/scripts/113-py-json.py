# source: Python documentation, Doc/library/json.rst ("Encoding basic Python object hierarchies", "Compact encoding", "Pretty printing", "Decoding JSON")
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: dumps/loads with sort_keys, separators, indent, object_hook, Decimal floats, and json.load of an input file
# adapted: the examples run as one script; the file example reads /input/inventory.json
import json
print(json.dumps(['foo', {'bar': ('baz', None, 1.0, 2)}]))
print(json.dumps("\"foo\bar"))
print(json.dumps('\u1234'))
print(json.dumps('\\'))
print(json.dumps({"c": 0, "b": 0, "a": 0}, sort_keys=True))
from io import StringIO
io = StringIO()
json.dump(['streaming API'], io)
print(io.getvalue())

print(json.dumps([1, 2, 3, {'4': 5, '6': 7}], separators=(',', ':')))
print(json.dumps({'4': 5, '6': 7}, sort_keys=True, indent=4))

print(json.loads('["foo", {"bar":["baz", null, 1.0, 2]}]'))
print(json.loads('"\\"foo\\bar"'))
io = StringIO('["streaming API"]')
print(json.load(io))

def as_complex(dct):
    if '__complex__' in dct:
        return complex(dct['real'], dct['imag'])
    return dct

print(json.loads('{"__complex__": true, "real": 1, "imag": 2}',
    object_hook=as_complex))
import decimal
print(json.loads('1.1', parse_float=decimal.Decimal))

class ComplexEncoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, complex):
            return [obj.real, obj.imag]
        # Let the base class default method raise the TypeError
        return super().default(obj)

print(json.dumps(2 + 1j, cls=ComplexEncoder))
print(ComplexEncoder().encode(2 + 1j))
print(list(ComplexEncoder().iterencode(2 + 1j)))

with open('/input/inventory.json') as f:
    items = json.load(f)
print(len(items), items[0])
with open('/output/inventory_compact.json', 'w') as f:
    json.dump(items, f, separators=(',', ':'), sort_keys=True)
