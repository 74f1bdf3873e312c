#!/usr/bin/env bash
# Brings every library's PublicAPI.Unshipped.txt in line with its code: adds new public symbols (RS0016) and removes
# ones that are gone (RS0017), through the analyzers' own code fixes. Review the diff: every line is a promise to users.
# At a release, move the Unshipped lines into PublicAPI.Shipped.txt (RS0017 then guards them against removal).
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/AsyncFl.Core src/AsyncFl.Aggregators src/AsyncFl.Schedulers src/AsyncFl.Simulation src/AsyncFl.Torch; do
  echo "public API: $project"
  dotnet format analyzers "$project/$(basename "$project").csproj" --diagnostics RS0016 RS0017 RS0037 --severity warn -v q
done
