#!/usr/bin/env python3
"""Makes TorchSharp's native glue library load on Linux with a libstdc++ older than GLIBCXX_3.4.32.

TorchSharp 0.107's libLibTorchSharp.so was built with GCC 13 and asks libstdc++.so.6 for version
GLIBCXX_3.4.32, which Debian 12 (GCC 12) lacks. Exactly one symbol needs that version:
std::ios_base_library_init() (_ZSt21ios_base_library_initv), which GCC 13 references from every file that
includes <iostream>; older libstdc++ initialises the streams by itself, so a no-op definition is safe.

For every libLibTorchSharp.so found under the given paths (a build or publish output, never the NuGet cache)
this script, only when the running system's libstdc++ lacks GLIBCXX_3.4.32:
  1. patchelf --clear-symbol-version on every symbol bound to GLIBCXX_3.4.32 (only the one above is allowed);
  2. sets VER_FLG_WEAK (0x2) in the vna_flags of the GLIBCXX_3.4.32 entry of .gnu.version_r, so the loader
     only warns about the missing version;
  3. compiles eng/shim/ios_base_library_init.c into libasyncfl_stdcxx_shim.so beside the library and adds it
     with patchelf --add-needed, with RUNPATH $ORIGIN.
It is idempotent: an already patched library (weak flag set, shim needed and present) is left untouched.
Writes go to a temporary file that atomically replaces the library, so concurrent builds are safe.

Exit codes: 0 ok (patched, already patched, or nothing to do); 2 usage; 3 a tool is missing; 4 the library
cannot be fixed this way. Environment: ASYNCFL_TORCHSHARP_FIX=off skips, =force patches even when libstdc++
is new enough (for tests of this script).
"""

import ctypes
import os
import shutil
import struct
import subprocess
import sys
import tempfile

LIB_NAME = "libLibTorchSharp.so"
SHIM_NAME = "libasyncfl_stdcxx_shim.so"
VERSION = b"GLIBCXX_3.4.32"
KNOWN_SYMBOLS = {b"_ZSt21ios_base_library_initv"}
SHT_DYNSYM = 11
SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF
SHT_DYNAMIC = 6
DT_NEEDED = 1
VER_FLG_WEAK = 0x2
HERE = os.path.dirname(os.path.abspath(__file__))
SHIM_SOURCE = os.path.join(HERE, "shim", "ios_base_library_init.c")


def log(msg):
    print("torchsharp-fix: " + msg)


def fail(code, msg):
    # MSBuild's canonical error format, so `dotnet build` shows it as an error.
    print("torchsharp-fix: error AFTS%03d: %s" % (code, msg))
    sys.exit(code)


def first_on_path(tools):
    for tool in tools:
        found = shutil.which(tool)
        if found is not None:
            return found
    return None


def find_or_install(tools, package):
    """The first of `tools` on PATH; if none, installs the Debian `package` through eng/install-deps.sh (which
    does so only as root with apt-get, and says why not otherwise) unless ASYNCFL_AUTO_INSTALL is "off", so that
    a fresh Debian 12 machine builds with the README's first command alone, then looks again. None when still
    missing (the caller reports AFTS003)."""
    found = first_on_path(tools)
    if found is not None or os.environ.get("ASYNCFL_AUTO_INSTALL", "auto") == "off" or shutil.which("bash") is None:
        return found
    log("%s not found; trying eng/install-deps.sh %s (set ASYNCFL_AUTO_INSTALL=off to skip)." % (tools[0], package))
    subprocess.run(["bash", os.path.join(HERE, "install-deps.sh"), package], stdout=sys.stdout, stderr=sys.stdout)
    return first_on_path(tools)


class Elf:
    """Just enough ELF64 little-endian parsing for the version sections."""

    def __init__(self, data):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not a 64-bit little-endian ELF file")
        self.data = data
        (self.shoff,) = struct.unpack_from("<Q", data, 0x28)
        self.shentsize, self.shnum = struct.unpack_from("<HH", data, 0x3A)
        self.sections = []
        for i in range(self.shnum):
            off = self.shoff + i * self.shentsize
            name, typ, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
                "<IIQQQQIIQQ", data, off)
            self.sections.append(dict(type=typ, offset=offset, size=size, link=link, entsize=entsize))

    def section(self, typ):
        for s in self.sections:
            if s["type"] == typ:
                return s
        return None

    def cstr(self, strtab, index):
        start = strtab["offset"] + index
        end = self.data.index(b"\0", start)
        return bytes(self.data[start:end])

    def vernaux(self):
        """Yields (file offset of the Vernaux entry, version name, flags, other index)."""
        vr = self.section(SHT_GNU_VERNEED)
        if vr is None:
            return
        strtab = self.sections[vr["link"]]
        off = vr["offset"]
        while True:
            _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", self.data, off)
            a = off + aux
            for _ in range(cnt):
                _, flags, other, name, anext = struct.unpack_from("<IHHII", self.data, a)
                yield a, self.cstr(strtab, name), flags, other
                if anext == 0:
                    break
                a += anext
            if nxt == 0:
                break
            off += nxt

    def symbols_with_version(self, other):
        dynsym = self.section(SHT_DYNSYM)
        versym = self.section(SHT_GNU_VERSYM)
        if dynsym is None or versym is None:
            return []
        strtab = self.sections[dynsym["link"]]
        count = dynsym["size"] // 24
        names = []
        for i in range(count):
            (v,) = struct.unpack_from("<H", self.data, versym["offset"] + 2 * i)
            if (v & 0x7FFF) == other:
                (st_name,) = struct.unpack_from("<I", self.data, dynsym["offset"] + 24 * i)
                names.append(self.cstr(strtab, st_name))
        return names

    def needed(self):
        dyn = self.section(SHT_DYNAMIC)
        if dyn is None:
            return []
        strtab = self.sections[dyn["link"]]
        result = []
        for off in range(dyn["offset"], dyn["offset"] + dyn["size"], 16):
            tag, val = struct.unpack_from("<qQ", self.data, off)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                result.append(self.cstr(strtab, val))
        return result


def system_libstdcxx_has_version():
    """Loads libstdc++.so.6 the way the loader would and looks for the version string in that file."""
    try:
        ctypes.CDLL("libstdc++.so.6")
    except OSError:
        return False
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and os.path.basename(parts[5]).startswith("libstdc++.so"):
                with open(parts[5], "rb") as f:
                    return (VERSION + b"\0") in f.read()
    return False


def state(path):
    """Returns (needs_patch, weak_entry_offset, symbols) for a library."""
    with open(path, "rb") as f:
        elf = Elf(bytearray(f.read()))
    for off, name, flags, other in elf.vernaux():
        if name == VERSION:
            symbols = elf.symbols_with_version(other)
            shim_ok = SHIM_NAME.encode() in elf.needed() and os.path.exists(
                os.path.join(os.path.dirname(path), SHIM_NAME))
            done = (flags & VER_FLG_WEAK) != 0 and not symbols and shim_ok
            return (not done), symbols
    return False, []


def build_shim(cache_dir):
    os.makedirs(cache_dir, exist_ok=True)
    shim = os.path.join(cache_dir, SHIM_NAME)
    if os.path.exists(shim) and os.path.getmtime(shim) >= os.path.getmtime(SHIM_SOURCE):
        return shim
    compiler = find_or_install(["cc", "gcc", "g++"], "gcc")
    if compiler is None:
        fail(3, "no C compiler (cc/gcc/g++) found to build the libstdc++ shim; run `bash eng/install-deps.sh` "
                "or `apt-get install -y gcc`.")
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".so")
    os.close(fd)
    args = [compiler, "-shared", "-fPIC", "-O2", "-o", tmp, SHIM_SOURCE]
    if os.path.basename(compiler) == "g++":
        args[1:1] = ["-x", "c"]
    subprocess.run(args, check=True)
    os.replace(tmp, shim)
    return shim


def patch(path, symbols, shim):
    bad = [s.decode() for s in symbols if s not in KNOWN_SYMBOLS]
    if bad:
        fail(4, "%s needs %s for symbols the shim does not provide: %s. This TorchSharp build needs a newer "
                "libstdc++ (Ubuntu 24.04 / Debian 13)." % (path, VERSION.decode(), ", ".join(bad)))
    patchelf = find_or_install(["patchelf"], "patchelf")
    if patchelf is None:
        fail(3, "patchelf is not installed; it is needed to make TorchSharp load with this libstdc++ "
                "(older than GLIBCXX_3.4.32). Run `bash eng/install-deps.sh` (or `apt-get install -y patchelf`).")
    directory = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".libLibTorchSharp.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(path, tmp)
        args = [patchelf]
        for s in symbols:
            args += ["--clear-symbol-version", s.decode()]
        with open(tmp, "rb") as f:
            needed = Elf(bytearray(f.read())).needed()
        if SHIM_NAME.encode() not in needed:
            args += ["--add-needed", SHIM_NAME]
        args += ["--set-rpath", "$ORIGIN", tmp]
        subprocess.run(args, check=True)
        with open(tmp, "r+b") as f:
            data = bytearray(f.read())
            elf = Elf(data)
            for off, name, flags, other in elf.vernaux():
                if name == VERSION:
                    f.seek(off + 4)
                    f.write(struct.pack("<H", flags | VER_FLG_WEAK))
        os.chmod(tmp, os.stat(path).st_mode)
        shim_dst = os.path.join(directory, SHIM_NAME)
        fd2, tmp2 = tempfile.mkstemp(dir=directory, prefix=".shim.", suffix=".tmp")
        os.close(fd2)
        shutil.copyfile(shim, tmp2)
        os.chmod(tmp2, 0o755)
        os.replace(tmp2, shim_dst)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def find_libs(paths):
    for p in paths:
        if os.path.isfile(p) and os.path.basename(p) == LIB_NAME:
            yield os.path.abspath(p)
        elif os.path.isdir(p):
            for root, _, files in os.walk(p):
                if LIB_NAME in files:
                    yield os.path.abspath(os.path.join(root, LIB_NAME))


def main(argv):
    cache_dir = None
    quiet = False
    paths = []
    i = 0
    while i < len(argv):
        if argv[i] == "--shim-dir" and i + 1 < len(argv):
            cache_dir = argv[i + 1]
            i += 2
            continue
        if argv[i] == "--quiet":
            quiet = True
        elif argv[i].startswith("-"):
            print(__doc__)
            return 2
        else:
            paths.append(argv[i])
        i += 1
    if not paths:
        print("usage: torchsharp-fix.py [--shim-dir DIR] [--quiet] PATH...  (directories are searched for %s)"
              % LIB_NAME)
        return 2
    mode = os.environ.get("ASYNCFL_TORCHSHARP_FIX", "auto").lower()
    if mode == "off" or not sys.platform.startswith("linux"):
        return 0
    if mode != "force" and system_libstdcxx_has_version():
        if not quiet:
            log("libstdc++ provides %s; nothing to do." % VERSION.decode())
        return 0
    libs = sorted(set(find_libs(paths)))
    if not libs:
        if not quiet:
            log("no %s under %s; nothing to do." % (LIB_NAME, ", ".join(paths)))
        return 0
    shim = None
    for lib in libs:
        needs, symbols = state(lib)
        if not needs:
            if not quiet:
                log("%s already patched." % lib)
            continue
        if shim is None:
            shim = build_shim(cache_dir or os.path.join(tempfile.gettempdir(), "asyncfl-torchsharp-shim-%d" % os.getuid()))
        patch(lib, symbols, shim)
        log("patched %s (GLIBCXX_3.4.32 made weak, %s added)." % (lib, SHIM_NAME))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
