#!/usr/bin/env bash
# Proves that the packages work the way users consume them:
#   1. dotnet pack -c Release -o artifacts/packages, with a version unique to this run (0.1.0-pt.<timestamp>),
#      so that no NuGet cache can hand back an older build;
#   2. checks that every library project under src/ gave one .nupkg and one .snupkg, and what each .nupkg holds
#      (README, MIT licence expression, XML docs, repository URL); the CLI as the .NET tool 'asyncfl': a top-level
#      AsyncFl.Cli package naming one package per platform (linux-x64, win-x64, osx-arm64), each under nuget.org's
#      250 MB limit, without LibTorch's Python binding;
#   3. restores tests/PackageTest (outside AsyncFl.sln, its own NuGet.config: the local folder feed for
#      AsyncFl.*, nuget.org for dependencies) into a throw-away packages folder, runs it and checks the
#      numbers it prints (computed by the packed packages, every library package referenced at once, and
#      docs/extending.md's custom aggregator and scheduler compiled against them and run on the simulator);
#   4. installs the 'asyncfl' tool from the same folder into a throw-away tool path (dotnet picks this machine's
#      platform package) and runs it: --help, and where Fashion-MNIST is installed a 2-s TorchSharp run, which proves
#      the platform package's native libraries load.
# Exits non-zero on the first failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version="${ASYNCFL_PACK_VERSION:-0.1.0-pt.$(date +%s)}"
feed="$root/artifacts/packages"
work="$(mktemp -d "${TMPDIR:-/tmp}/asyncfl-packtest.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() { echo "pack-test: FAILED: $*" >&2; exit 1; }

echo "==> dotnet pack -c Release -o artifacts/packages (version $version)"
mkdir -p "$feed"
# Older builds of our own packages would be ambiguous for readers of the folder; the feed keeps only this run's.
find "$feed" -maxdepth 1 -name 'AsyncFl.*' \( -name '*.nupkg' -o -name '*.snupkg' \) -delete
dotnet pack AsyncFl.sln -c Release -o "$feed" -p:Version="$version" -nologo -v:q -clp:ErrorsOnly

# --- 2. what was packed --------------------------------------------------------------------------------------
projects=()
for csproj in src/*/*.csproj; do
  projects+=("$(basename "$csproj" .csproj)")
done
[ "${#projects[@]}" -gt 0 ] || fail "no project under src/"

tool_rids=(linux-x64 win-x64 osx-arm64)
nupkg_count="$(find "$feed" -maxdepth 1 -name 'AsyncFl.*.nupkg' ! -name '*.snupkg' | wc -l)"
expected_count=$(( ${#projects[@]} + ${#tool_rids[@]} ))
[ "$nupkg_count" -eq "$expected_count" ] \
  || fail "expected $expected_count .nupkg (one per src project, plus the tool's ${#tool_rids[@]} platform packages), found $nupkg_count"

check_metadata() { # id nuspec listing
  grep -qx 'README.md' <<<"$3" || fail "$1: README.md not in the package"
  grep -q '<readme>README.md</readme>' <<<"$2" || fail "$1: nuspec names no readme"
  grep -q '<license type="expression">MIT</license>' <<<"$2" || fail "$1: licence expression is not MIT"
  grep -q '<repository type="git" url="https://' <<<"$2" || fail "$1: no repository URL"
  grep -q "<version>$version</version>" <<<"$2" || fail "$1: version is not $version"
  grep -q '<description>' <<<"$2" || fail "$1: no description"
}

for id in "${projects[@]}"; do
  pkg="$feed/$id.$version.nupkg"
  [ -f "$pkg" ] || fail "missing $pkg"
  listing="$(unzip -Z1 "$pkg")"
  nuspec="$(unzip -p "$pkg" "$id.nuspec")"
  check_metadata "$id" "$nuspec" "$listing"
  if grep -q '<packageType name="DotnetTool"' <<<"$nuspec"; then
    # The top-level tool package only points at the platform packages; they hold the tool and its symbols.
    settings="$(unzip -p "$pkg" tools/any/any/DotnetToolSettings.xml)" || fail "$id: tool settings missing"
    grep -q 'Command Name="asyncfl"' <<<"$settings" || fail "$id: the tool command is not 'asyncfl'"
    for rid in "${tool_rids[@]}"; do
      grep -q "RuntimeIdentifier=\"$rid\" Id=\"$id.$rid\"" <<<"$settings" || fail "$id: names no $rid package"
      rpkg="$feed/$id.$rid.$version.nupkg"
      [ -f "$rpkg" ] || fail "missing $rpkg"
      [ -f "$feed/$id.$rid.$version.snupkg" ] || fail "missing the symbol package $id.$rid.$version.snupkg"
      rlisting="$(unzip -Z1 "$rpkg")"
      check_metadata "$id.$rid" "$(unzip -p "$rpkg" "$id.$rid.nuspec")" "$rlisting"
      unzip -p "$rpkg" "tools/net10.0/$rid/DotnetToolSettings.xml" | grep -q 'Command Name="asyncfl" EntryPoint="asyncfl' \
        || fail "$id.$rid: tool settings missing or the command is not 'asyncfl'"
      grep -qE "^tools/net10.0/$rid/(lib)?torch_cpu\.(so|dll|dylib)$" <<<"$rlisting" || fail "$id.$rid: LibTorch is missing"
      ! grep -q 'torch_python' <<<"$rlisting" || fail "$id.$rid: LibTorch's Python binding should have been left out"
      size_mib=$(( $(stat -c %s "$rpkg") / 1048576 ))
      [ "$size_mib" -lt 238 ] || fail "$id.$rid is $size_mib MiB: over nuget.org's 250 MB limit"
      echo "  $id.$rid $version: .NET tool 'asyncfl' for $rid, $size_mib MiB, README, MIT, repository, symbols"
    done
    echo "  $id $version: .NET tool 'asyncfl' (points at ${tool_rids[*]}), README, MIT, repository"
  else
    [ -f "$feed/$id.$version.snupkg" ] || fail "missing the symbol package $id.$version.snupkg"
    grep -qx "lib/net10.0/$id.dll" <<<"$listing" || fail "$id: lib/net10.0/$id.dll missing"
    grep -qx "lib/net10.0/$id.xml" <<<"$listing" || fail "$id: XML documentation missing"
    echo "  $id $version: lib/net10.0 dll + XML docs, README, MIT, repository, symbols"
  fi
done

# --- 3. a user's app restores AsyncFl.Core from the folder feed and runs -------------------------------------
echo "==> tests/PackageTest: restore from the local feed (packages in a throw-away folder) and run"
out="$(dotnet run --project tests/PackageTest/PackageTest.csproj -c Release \
  --artifacts-path "$work/out" -p:AsyncFlVersion="$version" -p:RestorePackagesPath="$work/packages" 2>&1)" \
  || { echo "$out" >&2; fail "tests/PackageTest did not build or run"; }
echo "$out" | sed 's/^/  | /'

expect() { grep -qxF "$1" <<<"$out" || fail "tests/PackageTest printed no line '$1'"; }
expect "AsyncFl.Core $version"
expect "AsyncFl.Aggregators referenced: True"
# x = [1..5], y = [5..1]: mix a = 0.25 -> x + 0.25 (y - x); then 0.5 x + 0.5 y; squared norm by hand.
expect "mix: [2, 2.5, 3, 3.5, 4] v1"
expect "weighted sum: [3.5, 3.25, 3, 2.75, 2.5] squared norm 45.625"
grep -qE '^random: [0-9]+ [0-9]+ [0-9]+$' <<<"$out" || fail "tests/PackageTest printed no random line"
# Every package referenced at once: one AddSynchronousRounds; docs/extending.md's custom parts train on the simulator.
expect "synchronous rounds: SynchronousRounds(m=all, steps=1)"
expect "ServerMomentum: all 2 conformance properties hold | StragglerCut: all 4 conformance properties hold"
expect "custom aggregator ServerMomentum, scheduler StragglerCut(C=10, maxStaleness=20): gap shrank tenfold: True, stragglers cut: True, accounting balanced: True, steps: True"
[ -d "$work/packages/asyncfl.core/$version" ] || fail "AsyncFl.Core $version was not restored into the throw-away folder"

# --- 4. the .NET tool installs from the folder feed and runs -------------------------------------------------
echo "==> dotnet tool install AsyncFl.Cli $version (tool path in a throw-away folder) and run 'asyncfl --help'"
(cd "$work" && dotnet tool install AsyncFl.Cli --version "$version" --tool-path "$work/tool" \
  --configfile "$root/tests/PackageTest/NuGet.config" >/dev/null) || fail "dotnet tool install AsyncFl.Cli failed"
tool_out="$("$work/tool/asyncfl" --help 2>&1)" || { echo "$tool_out" >&2; fail "'asyncfl --help' exited non-zero"; }
echo "$tool_out" | head -n 5 | sed 's/^/  | /'
echo "$tool_out" | grep -q "asyncfl \[command\]" || fail "'asyncfl --help' does not show the usage line 'asyncfl [command] ...'"

# A TorchSharp run of the installed tool: the platform package's LibTorch must load (2 simulated seconds, 3 clients).
data_dir="${ASYNCFL_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
if [ -f "$data_dir/t10k-images-idx3-ubyte.gz" ]; then
  echo "==> the installed tool trains a TorchSharp model (tests/PackageTest/tool-smoke.json)"
  run_out="$("$work/tool/asyncfl" run -c "$root/tests/PackageTest/tool-smoke.json" --data-dir "$data_dir" --out "$work/tool-run" --quiet 2>&1)" \
    || { echo "$run_out" >&2; fail "the installed tool's TorchSharp run failed"; }
  rows="$(grep -c '^MLP smoke,' "$work/tool-run/metrics.csv" || true)"
  [ "$rows" -ge 2 ] || fail "the installed tool's TorchSharp run wrote $rows metrics rows (expected at least 2)"
  awk -F, '$1 == "MLP smoke" && $2 > 0 { a = $5 } END { exit !(a > 0.2) }' "$work/tool-run/metrics.csv" \
    || fail "the installed tool's TorchSharp run did not learn (test accuracy not above 0.2 after 2 s)"
  echo "  | $(tail -n 1 "$work/tool-run/metrics.csv")"
else
  echo "==> Fashion-MNIST not installed at $data_dir: the tool's TorchSharp run is skipped (bash eng/install-deps.sh)"
fi

echo "pack-test: OK (${#projects[@]} packages, version $version)"
