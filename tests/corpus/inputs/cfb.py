"""A minimal writer of Compound File Binary containers (MS-CFB, version 3, 512-byte sectors).

Excel keeps two kinds of files in this container: legacy .xls workbooks (a "Workbook"
stream of BIFF8 records) and password-protected workbooks of any version (an
"EncryptionInfo" and an "EncryptedPackage" stream, MS-OFFCRYPTO). The corpus needs both,
built here from the specification rather than by an external tool.

Layout written: header, FAT sectors, directory sectors, mini FAT, mini stream (streams
under 4,096 bytes live there, in 64-byte mini sectors, as the spec requires), then the
regular streams. Only what fits in the header's 109 DIFAT entries (about 6.8 MB) is supported.
"""

import struct

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Storage(object):
    """A storage (folder) in the container: name -> bytes (stream) or Storage."""

    def __init__(self, entries=None):
        self.entries = dict(entries or {})


def _pad(data, size):
    rest = len(data) % size
    return data if rest == 0 else data + b"\x00" * (size - rest)


def _sort_key(name):
    # MS-CFB 2.6.4: shorter names sort first, then by upper-cased UTF-16 code units.
    return (len(name), name.upper())


def _tree(names, depth, out):
    """Balanced red-black tree over sorted sibling names: (root index, {name: (left, right, depth)})."""
    if not names:
        return None
    mid = len(names) // 2
    left = _tree(names[:mid], depth + 1, out)
    right = _tree(names[mid + 1:], depth + 1, out)
    out[names[mid]] = (left, right, depth)
    return names[mid]


class _Entry(object):
    def __init__(self, name, kind, data=None, storage=None):
        self.name, self.kind, self.data, self.storage = name, kind, data, storage
        self.left = self.right = self.child = NOSTREAM
        self.black = True
        self.start, self.size = ENDOFCHAIN, 0


def _flatten(root):
    """Directory entries in order (root first), with sibling trees and child links filled in."""
    entries = [_Entry("Root Entry", 5, storage=root)]
    i = 0
    while i < len(entries):
        parent = entries[i]
        i += 1
        if parent.storage is None:
            continue
        names = sorted(parent.storage.entries, key=_sort_key)
        if not names:
            continue
        base = len(entries)
        index = {n: base + k for k, n in enumerate(names)}
        for n in names:
            value = parent.storage.entries[n]
            if isinstance(value, Storage):
                entries.append(_Entry(n, 1, storage=value))
            else:
                entries.append(_Entry(n, 2, data=bytes(value)))
        shape = {}
        top = _tree(names, 0, shape)
        deepest = max(d for _l, _r, d in shape.values())
        full = len(names) == 2 ** (deepest + 1) - 1
        for n, (left, right, depth) in shape.items():
            e = entries[index[n]]
            e.left = index[left] if left is not None else NOSTREAM
            e.right = index[right] if right is not None else NOSTREAM
            # The bottom row of an incomplete tree is red: every path then has the same black count.
            e.black = full or depth < deepest
        parent.child = index[top]
    return entries


def _dir_entry(e):
    raw = e.name.encode("utf-16-le")
    if len(raw) > 62:
        raise ValueError("CFB names are at most 31 characters: %r" % e.name)
    name = raw + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name), e.kind, 1 if e.black else 0, e.left, e.right, e.child,
        b"\x00" * 16, 0, 0, 0, e.start, e.size)


def build(root):
    """The bytes of a CFB file holding ``root`` (a Storage)."""
    entries = _flatten(root)
    mini = bytearray()
    regular = []
    for e in entries:
        if e.kind != 2:
            continue
        e.size = len(e.data)
        if e.size == 0:
            e.start = ENDOFCHAIN
        elif e.size < MINI_CUTOFF:
            e.start = len(mini) // MINI_SECTOR
            mini += _pad(e.data, MINI_SECTOR)
        else:
            regular.append(e)
    mini_fat = []
    for e in entries:
        if e.kind == 2 and 0 < e.size < MINI_CUTOFF:
            n = (e.size + MINI_SECTOR - 1) // MINI_SECTOR
            mini_fat.extend(range(e.start + 1, e.start + n))
            mini_fat.append(ENDOFCHAIN)
    dir_bytes = _pad(b"".join(_dir_entry(e) for e in entries), SECTOR)  # sizes filled below

    # Sector plan after the FAT: directory, mini FAT, mini stream, regular streams.
    chains = []  # (name, sector count)
    chains.append(("dir", len(dir_bytes) // SECTOR))
    mini_fat_bytes = _pad(struct.pack("<%dI" % len(mini_fat), *mini_fat), SECTOR) if mini_fat else b""
    chains.append(("minifat", len(mini_fat_bytes) // SECTOR))
    mini_stream = _pad(bytes(mini), SECTOR) if mini else b""
    chains.append(("mini", len(mini_stream) // SECTOR))
    for e in regular:
        chains.append((e, (e.size + SECTOR - 1) // SECTOR))
    data_sectors = sum(n for _c, n in chains)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < data_sectors + fat_sectors:
        fat_sectors += 1
    if fat_sectors > 109:
        raise ValueError("file too large for this minimal writer")

    fat = [FATSECT] * fat_sectors
    starts = {}
    for key, n in chains:
        if n == 0:
            starts[key if not isinstance(key, _Entry) else id(key)] = ENDOFCHAIN
            continue
        first = len(fat)
        fat.extend(range(first + 1, first + n))
        fat.append(ENDOFCHAIN)
        starts[key if not isinstance(key, _Entry) else id(key)] = first
    fat.extend([FREESECT] * (fat_sectors * (SECTOR // 4) - len(fat)))

    root_entry = entries[0]
    root_entry.start = starts["mini"]
    root_entry.size = len(mini)
    for e in regular:
        e.start = starts[id(e)]
    dir_bytes = _pad(b"".join(_dir_entry(e) for e in entries), SECTOR)

    difat = list(range(fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        MAGIC, b"\x00" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\x00" * 6,
        0, fat_sectors, starts["dir"], 0, MINI_CUTOFF,
        starts["minifat"], len(mini_fat_bytes) // SECTOR, ENDOFCHAIN, 0, *difat)
    body = [header, struct.pack("<%dI" % len(fat), *fat), dir_bytes, mini_fat_bytes, mini_stream]
    body.extend(_pad(e.data, SECTOR) for e in regular)
    return b"".join(body)
