#!/usr/bin/env bash
# Proves that the packages work the way users consume them:
#   1. dotnet pack -c Release -o artifacts/packages, with a version unique to this run (0.1.0-pt.<timestamp>),
#      so that no NuGet cache can hand back an older build;
#   2. checks that every src project gave one .nupkg and one .snupkg, and what each .nupkg holds (README,
#      MIT licence expression, XML docs, repository URL; the CLI as the .NET tool 'asyncfl');
#   3. restores tests/PackageTest (outside AsyncFl.sln, its own NuGet.config: the local folder feed for
#      AsyncFl.*, nuget.org for dependencies) into a throw-away packages folder, runs it and checks the
#      numbers it prints (computed by the packed AsyncFl.Core);
#   4. installs the 'asyncfl' tool from the same folder into a throw-away tool path and runs it.
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

nupkg_count="$(find "$feed" -maxdepth 1 -name 'AsyncFl.*.nupkg' ! -name '*.snupkg' | wc -l)"
[ "$nupkg_count" -eq "${#projects[@]}" ] || fail "expected ${#projects[@]} .nupkg (one per src project), found $nupkg_count"

for id in "${projects[@]}"; do
  pkg="$feed/$id.$version.nupkg"
  [ -f "$pkg" ] || fail "missing $pkg"
  [ -f "$feed/$id.$version.snupkg" ] || fail "missing the symbol package $id.$version.snupkg"
  listing="$(unzip -Z1 "$pkg")"
  nuspec="$(unzip -p "$pkg" "$id.nuspec")"
  grep -qx 'README.md' <<<"$listing" || fail "$id: README.md not in the package"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: nuspec names no readme"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: licence expression is not MIT"
  grep -q '<repository type="git" url="https://' <<<"$nuspec" || fail "$id: no repository URL"
  grep -q "<version>$version</version>" <<<"$nuspec" || fail "$id: version is not $version"
  grep -q '<description>' <<<"$nuspec" || fail "$id: no description"
  if grep -q '<packageType name="DotnetTool"' <<<"$nuspec"; then
    grep -q "^tools/net10.0/any/DotnetToolSettings.xml$" <<<"$listing" || fail "$id: tool settings missing"
    unzip -p "$pkg" tools/net10.0/any/DotnetToolSettings.xml | grep -q 'Command Name="asyncfl"' \
      || fail "$id: the tool command is not 'asyncfl'"
    echo "  $id $version: .NET tool 'asyncfl', README, MIT, repository, symbols"
  else
    grep -qx "lib/net10.0/$id.dll" <<<"$listing" || fail "$id: lib/net10.0/$id.dll missing"
    grep -qx "lib/net10.0/$id.xml" <<<"$listing" || fail "$id: XML documentation missing"
    echo "  $id $version: lib/net10.0 dll + XML docs, README, MIT, repository, symbols"
  fi
done

# nuget.org refuses packages over 250 MB: say so here rather than at publish time (a warning: nothing is published yet).
while IFS= read -r big; do
  echo "pack-test: WARNING: $(basename "$big") is $(( $(stat -c %s "$big") / 1048576 )) MiB, over nuget.org's 250 MB limit" >&2
done < <(find "$feed" -maxdepth 1 -name "AsyncFl.*.$version.*nupkg" -size +250M)

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
[ -d "$work/packages/asyncfl.core/$version" ] || fail "AsyncFl.Core $version was not restored into the throw-away folder"

# --- 4. the .NET tool installs from the folder feed and runs -------------------------------------------------
echo "==> dotnet tool install AsyncFl.Cli $version (tool path in a throw-away folder) and run 'asyncfl --help'"
(cd "$work" && dotnet tool install AsyncFl.Cli --version "$version" --tool-path "$work/tool" \
  --configfile "$root/tests/PackageTest/NuGet.config" >/dev/null) || fail "dotnet tool install AsyncFl.Cli failed"
tool_out="$("$work/tool/asyncfl" --help 2>&1)" || { echo "$tool_out" >&2; fail "'asyncfl --help' exited non-zero"; }
echo "$tool_out" | head -n 5 | sed 's/^/  | /'
echo "$tool_out" | grep -q "asyncfl \[command\]" || fail "'asyncfl --help' does not show the usage line 'asyncfl [command] ...'"

echo "pack-test: OK (${#projects[@]} packages, version $version)"
