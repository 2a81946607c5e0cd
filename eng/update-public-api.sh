#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt. Run it after an intended SDK API change and review the diff.
# Usage: eng/update-public-api.sh sdk/Platform.Sdk
set -euo pipefail
project_dir=${1:?usage: $0 <project directory>}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
symbols=$(dotnet build "$project_dir" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 |
  grep -oE "RS0016: Symbol '[^']+'" | sed -E "s/RS0016: Symbol '(.*)'/\1/" | sort -u || true)
[ -z "$symbols" ] && { echo "nothing to add"; exit 0; }
{ grep -v '^#nullable' "$unshipped" || true; echo "$symbols"; } | sort -u > "$unshipped.tmp"
{ echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped" && rm "$unshipped.tmp"
echo "added $(echo "$symbols" | wc -l) symbols to $unshipped"
