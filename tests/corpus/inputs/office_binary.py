"""Excel's binary containers for the corpus: a minimal BIFF8 .xls and an encrypted workbook.

- ``legacy_xls()``: a "Workbook" stream of BIFF8 records (MS-XLS) in a CFB container: the
  globals substream (BOF, CODEPAGE, BOUNDSHEET8, EOF) and one worksheet substream (BOF,
  DIMENSIONS, two NUMBER cells, EOF).
- ``encrypted_xlsx()``: what Excel writes for File > Info > Protect Workbook > Encrypt with
  Password (MS-OFFCRYPTO agile encryption): "EncryptionInfo" (version 4.4, flags 0x40, the
  XML descriptor naming AES-256/SHA-512 and the password key encryptor) and
  "EncryptedPackage" (the 8-byte plain size, then ciphertext in 4,096-byte segments). The
  ciphertext and key material are random bytes: no password opens it, which does not matter
  for a reader, which must refuse it before trying.
"""

import base64
import random
import struct

from cfb import Storage, build


def _record(kind, data=b""):
    return struct.pack("<HH", kind, len(data)) + data


def _bof(substream):
    # vers BIFF8, dt (0x0005 globals, 0x0010 worksheet), rupBuild, rupYear, bfh flags, sfo.
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0x000100C1, 0x00000006))


def _short_unicode(text):
    return struct.pack("<BB", len(text), 0) + text.encode("latin-1")


def legacy_xls(sheet="Sheet1"):
    globals_head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    boundsheet_size = 4 + 4 + 2 + len(_short_unicode(sheet))
    eof = _record(0x000A)
    sheet_offset = len(globals_head) + boundsheet_size + len(eof)
    boundsheet = _record(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + _short_unicode(sheet))
    cells = [(0, 0, 42.0), (1, 0, 3.5)]
    substream = _bof(0x0010)
    substream += _record(0x0200, struct.pack("<IIHHH", 0, len(cells), 0, 1, 0))  # DIMENSIONS
    for row, col, value in cells:
        substream += _record(0x0203, struct.pack("<HHHd", row, col, 0x0F, value))  # NUMBER
    substream += eof
    workbook = globals_head + boundsheet + eof + substream
    assert len(globals_head) + len(boundsheet) + len(eof) == sheet_offset
    # Excel never writes a Workbook stream under the 4,096-byte mini-stream cutoff: pad it.
    workbook += b"\x00" * max(0, 4096 - len(workbook))
    return build(Storage({"Workbook": workbook}))


def _b64(rng, n):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode("ascii")


def encrypted_xlsx(plain_size=9000, seed=7):
    rng = random.Random(seed)
    descriptor = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" '
        'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">'
        '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="%s"/>'
        '<dataIntegrity encryptedHmacKey="%s" encryptedHmacValue="%s"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        '<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="%s" '
        'encryptedVerifierHashInput="%s" encryptedVerifierHashValue="%s" encryptedKeyValue="%s"/>'
        '</keyEncryptor></keyEncryptors></encryption>'
    ) % (_b64(rng, 16), _b64(rng, 64), _b64(rng, 64), _b64(rng, 16), _b64(rng, 16), _b64(rng, 64), _b64(rng, 32))
    info = struct.pack("<HHI", 4, 4, 0x40) + descriptor.encode("utf-8")
    cipher_size = (plain_size + 15) // 16 * 16
    package = struct.pack("<Q", plain_size) + bytes(rng.getrandbits(8) for _ in range(cipher_size))
    # The data-spaces storage names the transform applied to the package (MS-OFFCRYPTO 2.3.4.1).
    version = struct.pack("<I", 60) + "Microsoft.Container.DataSpaces".encode("utf-16-le") + struct.pack("<HHHHHH", 1, 0, 1, 0, 1, 0)
    dataspaces = Storage({"Version": version})
    return build(Storage({"EncryptionInfo": info, "EncryptedPackage": package, "\x06DataSpaces": dataspaces}))
