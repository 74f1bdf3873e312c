#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing:
#   patchelf               - used by the TorchSharp libstdc++ fix (eng/torchsharp-*) on Debian 12
#   dataset-fashion-mnist  - Fashion-MNIST in /usr/share/datasets/fashion-mnist/ (real-data tests)
# With arguments it installs those packages instead (eng/torchsharp-fix.py calls it for patchelf or gcc alone).
# Idempotent and quiet: does nothing when all are installed. Skips (exit 0, with a message) when not
# running as root or when apt-get is not available (e.g. not Debian/Ubuntu); the tests that need these
# packages then skip or fall back on their own.
set -euo pipefail

packages=(patchelf dataset-fashion-mnist)
if [ $# -gt 0 ]; then
  packages=("$@")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; not installing ${missing[*]} (tests that need them may skip)." >&2
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root; not installing ${missing[*]} (run: sudo apt-get install -y ${missing[*]})." >&2
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
# (debconf's "delaying package configuration, since apt-utils is not installed" note is noise: filtered)
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  2> >(grep -v '^debconf: delaying package configuration' >&2)
