"""A third wall inside Python: an audit hook (PEP 578) that watches what the
interpreter itself does while the user's code runs, whoever asks for it.

The runtime guard only sees what the script calls directly; library code
(pandas, openpyxl) uses the real `open`, `os` and `socket`. Audit events are
raised by CPython's C code for every such operation, so the hook sees
`pd.read_csv("/proc/self/environ")` and `df.to_csv("/input/x.csv")` too. Once
installed, a hook cannot be removed, and it does nothing outside a user run.

While a run is active it refuses:
- opening a file for writing outside the output folder and the scratch folders
  (and never inside the input folder), or for reading in places where a host keeps
  secrets or live state (/proc, /etc, /home, /root, /var, /dev...);
- deleting, renaming, linking or changing permissions outside the output and scratch folders;
- processes, sockets, calling into C through ctypes, and tracing or walking
  other frames and objects (sys.settrace, gc.get_referrers...).
CPython raises no audit event for setting an attribute on a class, so changes to
library classes are the pre-check's job (module-mutation), not this wall's.
"""
import os
import sys


def _build_wall():
    """The hook and its state, all held in this closure: code that reaches the module's
    globals (an escape) cannot switch the wall off or empty its lists by assigning
    module attributes; the hook never looks a global name up."""
    os_path_realpath, fsdecode = os.path.realpath, os.fsdecode
    getframe = sys._getframe

    state = {"active": False, "read": (), "write": (), "input": (), "filename": "<your code>"}

    def _get(key):
        return state[key]

    def _update(**values):
        state.update(values)

    # Events refused outright while user code runs. Chosen so that library imports
    # and normal library work never raise them (numpy loads ctypes at import, importlib
    # reads .pyc files with marshal, pandas inspects frames for warnings).
    _REFUSED_EVENTS = frozenset({
        "os.system", "os.posix_spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg",
        "subprocess.Popen", "pty.spawn", "os.chroot", "os.chdir",
        "socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto", "socket.sendmsg",
        "socket.gethostbyname", "socket.gethostbyaddr",
        "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
        "ctypes.dlsym", "ctypes.call_function", "ctypes.addressof", "ctypes.cdata", "ctypes.string_at",
        "ctypes.wstring_at", "ctypes.set_errno",
        "sys.addaudithook", "pickle.find_class", "webbrowser.open",
    })
    # Introspection: refused when the user's code asks, not when a library does it for its
    # own work (pandas calls gc.get_referents to warn about SettingWithCopy).
    _INTROSPECTION_EVENTS = frozenset({
        "sys._current_frames", "sys.setprofile", "sys.settrace",
        "gc.get_referrers", "gc.get_referents", "gc.get_objects",
    })
    _REFUSED_PREFIXES = ("os.exec", "os.spawn")
    # Events whose first argument is a path that gets changed.
    _COPY_EVENTS = frozenset({"shutil.copyfile", "shutil.copytree"})
    _CHANGE_EVENTS = frozenset({
        "os.remove", "os.rmdir", "os.rename", "os.link", "os.symlink", "os.chmod", "os.chown",
        "os.truncate", "os.utime", "os.mkdir", "os.chflags", "os.lchflags", "os.setxattr",
        "os.removexattr", "shutil.rmtree", "shutil.move", "shutil.copyfile", "shutil.copytree",
    })

    def _real(path):
        try:
            return os_path_realpath(fsdecode(path))
        except (TypeError, ValueError):
            return None

    def _inside(path, roots):
        return path is not None and any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)

    # Reading is refused where a host keeps secrets or live state. Libraries read
    # installed files (mime.types, matplotlibrc, zoneinfo, their own templates) while
    # importing lazily, so reads are refused by place, writes allowed only by place.
    _PRIVATE_ROOTS = ("/proc", "/sys", "/root", "/home", "/run", "/var", "/boot", "/srv", "/mnt",
                      "/media", "/dev", "/etc")
    _PUBLIC_FILES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random", "/etc/mime.types",
                     "/etc/matplotlibrc", "/etc/localtime", "/etc/timezone", "/etc/alternatives")

    def _private(real):
        if real is None:
            return True
        if _inside(real, _get("read")) or _inside(real, _PUBLIC_FILES):
            return False
        return _inside(real, _PRIVATE_ROOTS)

    def _refuse(what):
        raise PermissionError("%s is not allowed in the sandbox: only /input (read) and /output "
                              "(write) are reachable." % what)

    def _hook(event, args):
        if not _get("active"):
            return
        if event == "open":
            path, mode, flags = args
            if isinstance(path, int) or path is None:
                return  # an already open descriptor
            real = _real(path)
            writing = (mode and any(c in str(mode) for c in "wax+")) or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
            if writing:
                if not _inside(real, _get("write")) or _inside(real, _get("input")):
                    _refuse("writing `%s`" % fsdecode(path))
            elif _private(real):
                _refuse("reading `%s`" % fsdecode(path))
        elif event in _CHANGE_EVENTS:
            # A copy changes only its destination: copying from /input reads it.
            for arg in (args[1:2] if event in _COPY_EVENTS else args[:2]):
                real = _real(arg) if isinstance(arg, (str, bytes, os.PathLike)) else None
                if real is not None and (not _inside(real, _get("write")) or _inside(real, _get("input"))):
                    _refuse("changing `%s`" % fsdecode(arg))
        elif event in _REFUSED_EVENTS or event.startswith(_REFUSED_PREFIXES):
            _refuse("`%s`" % event)
        elif event in _INTROSPECTION_EVENTS and _asked_by_user():
            _refuse("`%s`" % event)

    def _asked_by_user():
        """True when the Python frame that raised the event is the user's code itself."""
        frame = getframe(2)  # 0: this function, 1: the hook, 2: the caller of the C function
        return frame.f_code.co_filename == _get("filename")

    return _hook, _get, _update


_hook, _get, _update = _build_wall()
del _build_wall


_installed = False


def install():
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def _library_roots():
    roots = {os.path.realpath(p) for p in sys.path if p and os.path.isabs(p)}
    for attr in ("prefix", "base_prefix", "exec_prefix"):
        value = getattr(sys, attr, None)
        if value:
            roots.add(os.path.realpath(os.path.join(value, "lib")))
    # Installed software and its data (matplotlibrc, zoneinfo) are public and read-only;
    # /proc, /etc, /home and the like are not.
    roots.update({"/usr", "/etc/matplotlibrc", "/etc/localtime", "/etc/alternatives"})
    return tuple(sorted(r for r in roots if r not in ("/", "")))


class active:
    """Context manager: the wall is up only inside `with active(...)`."""

    def __init__(self, input_dir, output_dir, scratch_dirs=("/tmp",)):
        out = os.path.realpath(output_dir)
        scratch = tuple(os.path.realpath(d) for d in scratch_dirs)
        self.input = (os.path.realpath(input_dir),)
        self.read = self.input + (out,) + scratch + _library_roots()
        self.write = (out,) + scratch

    def __enter__(self):
        install()
        _update(active=True, read=self.read, write=self.write, input=self.input)
        return self

    def __exit__(self, *exc):
        _update(active=False, read=(), write=(), input=())
        return False


class suspended:
    """Context manager for the runtime's own trusted work during a run (e.g. hardening
    pandas when the script first imports it): no user code runs inside it."""

    def __enter__(self):
        self.was = _get("active")
        _update(active=False)
        return self

    def __exit__(self, *exc):
        _update(active=self.was)
        return False
