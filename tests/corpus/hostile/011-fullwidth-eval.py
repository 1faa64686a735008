# attack: fullwidth identifier that NFKC-normalizes to eval
# expect: precheck:unicode-identifier
# unguarded: python
ｅｖａｌ("open('/input/data.csv', 'w').write('pwned')")
