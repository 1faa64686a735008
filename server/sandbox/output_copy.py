"""Copying a finished run's /output out of the sandbox: regular files and folders only,
never following a link, within the size and file-count caps."""

from __future__ import annotations

import os
import stat

MAX_OUTPUT_DEPTH = 32


class _CopyLimit(Exception):
    pass


def collect_outputs(src: str, dest: str, max_bytes: int, max_files: int,
                    copied: list[dict] | None = None) -> tuple[list[str], str | None]:
    """Copy the regular files and directories under ``src`` into ``dest``.

    Never follows a symlink (every open is relative to an already-open
    directory, with O_NOFOLLOW), never copies anything but regular files,
    stops at the caps. Returns (skipped entries, why the copy stopped or None);
    ``copied`` (if given) receives {"name", "size"} for every file copied, the
    size being the bytes this process wrote.
    """
    skipped: list[str] = []
    state = {"bytes": 0, "files": 0}
    flags_dir = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC

    def copy_dir(src_fd: int, dest_fd: int, rel: str, depth: int) -> None:
        if depth > MAX_OUTPUT_DEPTH:
            raise _CopyLimit(f"folders nested deeper than {MAX_OUTPUT_DEPTH} levels")
        for entry in os.scandir(src_fd):
            name = entry.name
            path = f"{rel}{name}"
            state["files"] += 1
            if state["files"] > max_files:
                raise _CopyLimit(f"more than {max_files} files and folders")
            st = os.stat(name, dir_fd=src_fd, follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode):
                child = os.open(name, flags_dir, dir_fd=src_fd)
                try:
                    os.mkdir(name, 0o755, dir_fd=dest_fd)
                    child_dest = os.open(name, flags_dir, dir_fd=dest_fd)
                    try:
                        copy_dir(child, child_dest, path + "/", depth + 1)
                    finally:
                        os.close(child_dest)
                finally:
                    os.close(child)
            elif stat.S_ISREG(st.st_mode):
                size = copy_file(src_fd, dest_fd, name)
                if size is not None and copied is not None:
                    copied.append({"name": path, "size": size})
            else:
                skipped.append(path)

    def copy_file(src_fd: int, dest_fd: int, name: str) -> int | None:
        fin = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=src_fd)
        written = 0
        try:
            if not stat.S_ISREG(os.fstat(fin).st_mode):
                return None
            fout = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                           0o644, dir_fd=dest_fd)
            try:
                while True:
                    chunk = os.read(fin, 1 << 20)
                    if not chunk:
                        break
                    state["bytes"] += len(chunk)
                    if state["bytes"] > max_bytes:
                        raise _CopyLimit(f"more than {max_bytes // (1024 * 1024)} MB")
                    os.write(fout, chunk)
                    written += len(chunk)
            finally:
                os.close(fout)
        finally:
            os.close(fin)
        return written

    src_fd = os.open(src, flags_dir)
    dest_fd = os.open(dest, flags_dir)
    try:
        copy_dir(src_fd, dest_fd, "", 0)
    except _CopyLimit as exc:
        return skipped, str(exc)
    finally:
        os.close(src_fd)
        os.close(dest_fd)
    return skipped, None


def clear_dir(path: str) -> None:
    """Empty a directory without following links (used after a failed copy)."""
    for entry in os.scandir(path):
        full = os.path.join(path, entry.name)
        if entry.is_dir(follow_symlinks=False):
            clear_dir(full)
            os.rmdir(full)
        else:
            os.unlink(full)
