#!/usr/bin/env bash
# Adds every new public symbol of each library to its PublicAPI.Unshipped.txt (RS0016), through the analyzer's own code
# fix. A symbol that is gone or no longer public (RS0017) has no code fix: the build names it; delete its line by hand.
# Review the diff: every line is a promise to users.
# At a release, move the Unshipped lines into PublicAPI.Shipped.txt (RS0017 then guards them against removal).
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/AsyncFl.Core src/AsyncFl.Aggregators src/AsyncFl.Schedulers src/AsyncFl.Simulation src/AsyncFl.Testing src/AsyncFl.Torch; do
  echo "public API: $project"
  dotnet format analyzers "$project/$(basename "$project").csproj" --diagnostics RS0016 RS0037 --severity warn -v q
done
