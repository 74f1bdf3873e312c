#!/bin/sh
# Entry point of the TorchSharp libstdc++ fix (see eng/torchsharp-fix.py and docs/torch.md).
#   sh eng/torchsharp-fix.sh [--shim-dir DIR] [--quiet] PATH...
# PATHs are build/publish output folders (searched for libLibTorchSharp.so) or the library itself.
# Does nothing on non-Linux systems, with ASYNCFL_TORCHSHARP_FIX=off, or when the system libstdc++ already
# provides GLIBCXX_3.4.32. Otherwise it needs python3, patchelf and a C compiler (bash eng/install-deps.sh).
[ "$(uname -s)" = "Linux" ] || exit 0
[ "${ASYNCFL_TORCHSHARP_FIX:-auto}" = "off" ] && exit 0
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if command -v python3 >/dev/null 2>&1; then
  exec python3 "$here/torchsharp-fix.py" "$@"
fi
# No python3: decide whether the fix is needed at all before complaining.
lib=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 / {print $NF; exit}')
if [ -n "$lib" ] && grep -q 'GLIBCXX_3\.4\.32' "$lib" 2>/dev/null; then
  exit 0
fi
echo "torchsharp-fix: error AFTS003: python3 is not installed; it is needed to make TorchSharp load with this libstdc++ (older than GLIBCXX_3.4.32). Run 'bash eng/install-deps.sh' (or 'apt-get install -y python3-minimal patchelf gcc')."
exit 3
