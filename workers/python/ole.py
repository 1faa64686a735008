"""Just enough of MS-CFB (OLE compound files: old .xls, encrypted .xlsx) to tell what a file is.

Used by the profiler (input_profile/) to name an old or password-protected workbook in words
instead of calling it damaged. Every chain is bounded, so a hostile container cannot make it loop.
"""
import os
import struct

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_OLE_LAST_SECTOR = 0xFFFFFFF9    # larger sector numbers are markers (free, end of chain, FAT, DIFAT)
_OLE_MAX_SECTORS = 1 << 20       # chains longer than this are treated as damaged (512 MB of 512-byte sectors)
_OLE_MAX_DIR_SECTORS = 4096      # a directory longer than this (16,384+ entries) is treated as damaged


class _Ole(object):
    """Just enough of MS-CFB to list the entries of a compound file and read a small stream.

    Every chain is bounded (cycles and out-of-range sectors make the file "damaged"), so a
    hostile container can't make this loop or read more than its own size.
    """

    def __init__(self, fh, size):
        self.fh, self.size = fh, size
        header = fh.read(512)
        if len(header) < 512 or not header.startswith(OLE_MAGIC):
            raise ValueError("no CFB header")
        shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("bad sector size")
        self.sector = 1 << shift
        (n_fat, self.first_dir, _tx, self.cutoff, self.first_minifat, _n_minifat, first_difat,
         n_difat) = struct.unpack_from("<IIIIIIII", header, 0x2C)
        difat = list(struct.unpack_from("<109I", header, 0x4C))
        per = self.sector // 4
        sec, seen = first_difat, 0
        # Bounded by the file's own sector count too, so a DIFAT chain that loops can't spin.
        while sec <= _OLE_LAST_SECTOR and seen < min(n_difat, size // self.sector + 1):
            block = struct.unpack("<%dI" % per, self._sector(sec))
            difat.extend(block[:-1])
            sec, seen = block[-1], seen + 1
        fat_sectors = [x for x in difat if x <= _OLE_LAST_SECTOR][:n_fat]
        if len(fat_sectors) * per > _OLE_MAX_SECTORS:
            raise ValueError("FAT too large")
        self.fat = []
        for x in fat_sectors:
            self.fat.extend(struct.unpack("<%dI" % per, self._sector(x)))

    def _sector(self, n):
        offset = (n + 1) * self.sector
        if offset + self.sector > self.size + self.sector:  # the last sector may be short
            raise ValueError("sector out of range")
        self.fh.seek(offset)
        return self.fh.read(self.sector).ljust(self.sector, b"\x00")

    def _chain(self, start, table, limit=_OLE_MAX_SECTORS):
        out, seen = [], set()
        while start <= _OLE_LAST_SECTOR:
            if start in seen or start >= len(table) or len(out) >= limit:
                raise ValueError("broken chain")
            seen.add(start)
            out.append(start)
            start = table[start]
        return out

    def entries(self):
        """(name, type, start, size) for every directory entry; type 1 storage, 2 stream, 5 root."""
        raw = b"".join(self._sector(n) for n in self._chain(self.first_dir, self.fat, _OLE_MAX_DIR_SECTORS))
        out = []
        for i in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, i + 0x40)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = raw[i:i + name_len - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", raw, i + 0x74)
            out.append((name, kind, start, size & 0xFFFFFFFF if self.sector == 512 else size))
        return out

    def read(self, start, size):
        if size >= self.cutoff:
            data = b"".join(self._sector(n) for n in self._chain(start, self.fat))
            return data[:size]
        root = [e for e in self.entries() if e[1] == 5]
        if not root:
            raise ValueError("no root entry")
        mini_stream = b"".join(self._sector(n) for n in self._chain(root[0][2], self.fat))
        minifat_raw = b"".join(self._sector(n) for n in self._chain(self.first_minifat, self.fat))
        minifat = struct.unpack("<%dI" % (len(minifat_raw) // 4), minifat_raw)
        data = b"".join(mini_stream[n * 64:(n + 1) * 64] for n in self._chain(start, minifat))
        return data[:size]


def ole_stream_names(path):
    """Names of the storages and streams in a compound file (not the root), or None if it is damaged."""
    try:
        with open(path, "rb") as fh:
            return {name for name, kind, _s, _z in _Ole(fh, os.path.getsize(path)).entries() if kind in (1, 2)}
    except (ValueError, struct.error, OSError):
        return None


def ole_read_stream(path, name, limit=64 * 1024 * 1024):
    """The bytes of one stream of a compound file (up to ``limit``), or None."""
    try:
        with open(path, "rb") as fh:
            ole = _Ole(fh, os.path.getsize(path))
            for entry_name, kind, start, size in ole.entries():
                if kind == 2 and entry_name == name and size <= limit:
                    return ole.read(start, size)
    except (ValueError, struct.error, OSError):
        return None
    return None
