#!/usr/bin/env bash
# Packs Trial into a local folder, then uses the packages the way a team adopting Trial would: a fresh test
# project outside the solution references the packages (not the projects), runs a reactor test with coverage,
# and must not find Trial's own assemblies in its coverage report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
# A version of its own each run, so the machine's package cache never serves an older build of the same number.
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S)"

echo "== packing Trial $version"
# As a release build does it: deterministic, with source paths mapped, so coverlet in the user's project sees
# no sources of Trial's and leaves Trial's assemblies out of the user's figure.
dotnet pack "$root/Trial.sln" -c Release -o "$feed" -p:Version="$version" -p:ContinuousIntegrationBuild=true -nologo -v q
ls "$feed"

consumer="$work/consumer"
mkdir -p "$consumer"
cp -r "$root/.ci/consumer/." "$consumer/"
sed -i "s/TRIAL_VERSION/$version/" "$consumer"/*/*.csproj
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="trial-local" value="$feed" />
  </packageSources>
</configuration>
XML

echo "== a fresh test project on the packages"
results="$work/results"
dotnet test "$consumer/Consumer.Tests/Consumer.Tests.csproj" --collect "XPlat Code Coverage" --results-directory "$results" -nologo
report=$(find "$results" -name coverage.cobertura.xml | head -n 1)
[ -n "$report" ] || { echo "the consumer's coverage report was not written"; exit 1; }
measured=$(grep -o '<package name="[^"]*"' "$report" | sed -E 's/<package name="([^"]*)"/\1/' | sort -u | tr '\n' ' ')
echo "assemblies in the consumer's coverage: $measured"
case " $measured " in
  *" Consumer "*) ;;
  *) echo "the consumer's own code is missing from its coverage report"; exit 1;;
esac
for lib in Trial.Core Trial.Fakes Trial.Runner; do
  case " $measured " in
    *" $lib "*) echo "$lib appears in the consumer's coverage report: it would dilute the user's figure"; exit 1;;
  esac
done
echo "package check: the consumer's coverage measures its own code only"

echo "== the trial tool from the packages, on the consumer's tests"
dotnet tool install --tool-path "$work/tools" --add-source "$feed" Trial.Cli --version "$version"
"$work/tools/trial" "$consumer/Consumer.Tests" -c Debug
