#!/usr/bin/env bash
# Runs every test of AsyncFl, as the README's "run all tests" command and CI (.ci/run) do:
#   1. eng/install-deps.sh   (Debian packages the tests use; skipped when not root / no apt-get)
#   2. dotnet test AsyncFl.sln -c Release            (builds everything, runs every test project)
#   3. the kernel tests again (tests/AsyncFl.Core.Tests, --filter Category=Kernels, --no-build) with
#      DOTNET_EnableAVX512F=0 (+ DOTNET_EnableAVX512=0, its .NET 10 name), DOTNET_EnableAVX2=0 and
#      DOTNET_EnableHWIntrinsic=0, so that the Vector256, Vector128 and scalar code paths run too, not only
#      the best one this machine has
#   4. prints "Tests: N passed, N failed" (summed over every run above, from dotnet test's own summaries)
# Exits non-zero when any step fails. Honours ASYNCFL_ARTIFACTS (isolated bin/obj folder) when set.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log="$(mktemp -d "${TMPDIR:-/tmp}/asyncfl-test.XXXXXX")"
trap 'rm -rf "$log"' EXIT

bash eng/install-deps.sh

status=0
step() { # step NAME LOGFILE COMMAND... : runs COMMAND, shows and keeps its output, records failure
  local name="$1" out="$2"
  shift 2
  echo "==> $name"
  if ! "$@" 2>&1 | tee "$out"; then
    echo "FAILED: $name" >&2
    status=1
  fi
}

step "dotnet test AsyncFl.sln -c Release" "$log/all.txt" \
  dotnet test AsyncFl.sln -c Release

# Each run switches one more instruction-set level off. On .NET 10 the runtime ignores DOTNET_EnableAVX512F (the
# AVX-512 knobs were merged into DOTNET_EnableAVX512; checked: Vector512.IsHardwareAccelerated stays true with
# EnableAVX512F=0 alone), so the first run sets both names: the old one for older runtimes, the new one for .NET 10.
kernel_configs=(
  "DOTNET_EnableAVX512F=0 DOTNET_EnableAVX512=0"  # Vector256 paths
  "DOTNET_EnableAVX2=0"                           # Vector128 paths
  "DOTNET_EnableHWIntrinsic=0"                    # scalar paths
)
kernel_runs=()
if [ "$status" -eq 0 ]; then
  for i in "${!kernel_configs[@]}"; do
    config="${kernel_configs[$i]}"
    env_args=()
    for kv in $config; do
      env_args+=(-e "$kv")
    done
    step "kernel tests with $config" "$log/kernels-$i.txt" \
      dotnet test tests/AsyncFl.Core.Tests -c Release --no-build --filter Category=Kernels "${env_args[@]}"
    kernel_runs+=("$log/kernels-$i.txt")
  done
else
  echo "==> skipping the kernel runs without SIMD paths: the main test run failed" >&2
fi

# Sum the per-assembly summaries dotnet test prints, e.g.
#   "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ..."
count() { # count FIELD FILE... : sums "FIELD: n" over the summary lines of the files
  local field="$1"
  shift
  cat "$@" | grep -E '^(Passed|Failed)! +- ' | grep -oE "$field: +[0-9]+" | awk '{s += $2} END {print s + 0}'
}

passed="$(count Passed "$log/all.txt" "${kernel_runs[@]}")"
failed="$(count Failed "$log/all.txt" "${kernel_runs[@]}")"
skipped="$(count Skipped "$log/all.txt" "${kernel_runs[@]}")"

for f in "${kernel_runs[@]}"; do
  if [ "$(count Total "$f")" -eq 0 ]; then
    echo "FAILED: kernel run $(basename "$f" .txt): no test ran (expected tests marked [Trait(\"Category\", \"Kernels\")])" >&2
    status=1
  fi
done

if [ "$failed" -gt 0 ]; then
  status=1
fi

echo
echo "Summary: main run + ${#kernel_runs[@]} kernel runs without SIMD paths; $skipped skipped."
echo "Tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ]; then
  echo "Result: FAILED (a build or test step failed; see the FAILED lines above)" >&2
fi
exit "$status"
