#!/usr/bin/env bash
# Mutation testing (ADR 0038): Stryker.NET mutates src/Application and runs tests/Unit against each mutant, with
# tests/Unit/stryker-config.json. Prints the score and every surviving mutant, and exits non-zero when the score is
# below the config's break threshold (95 %). Extra arguments go to Stryker, e.g. to iterate on one folder:
#   scripts/mutation.sh -m "**/Auth/**/*.cs"
# One core by default (--concurrency 1 in the config); on a machine of your own, `--concurrency 4` is faster.
# The HTML report is StrykerOutput/reports/mutation-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/StrykerOutput

echo "== restoring the pinned .NET tools (dotnet-stryker, .config/dotnet-tools.json)"
dotnet tool restore >/dev/null

rm -rf "$out"
started=$SECONDS
status=0
# Stryker runs from the test project's folder, which holds its config; it exits non-zero below the break threshold.
(cd tests/Unit && dotnet dotnet-stryker --output "$out" "$@") > "$root/StrykerOutput.log" 2>&1 || status=$?
elapsed=$((SECONDS - started))

report=$out/reports/mutation-report.json
if [[ ! -f $report ]]; then
  tail -n 40 "$root/StrykerOutput.log" >&2
  echo "Stryker wrote no report (exit $status); the whole log is StrykerOutput.log" >&2
  exit $((status == 0 ? 1 : status))
fi

# Survivors and mutants no test covers, one a line, then the counts (from the JSON report, which has every mutant).
node - "$report" <<'EOF'
const report = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const counts = {};
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const m of mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      console.log(`${m.status.padEnd(10)} ${file.replace(/.*src\/Application\//, '')}:${m.location.start.line} ${m.mutatorName}: ${m.replacement}`);
    }
  }
}
const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
console.log(`mutants: ${valid} tested, ${counts.Killed ?? 0} killed, ${counts.Timeout ?? 0} timeout, ` +
  `${counts.Survived ?? 0} survived, ${counts.NoCoverage ?? 0} not covered, ${counts.Ignored ?? 0} ignored, ` +
  `${counts.CompileError ?? 0} compile errors`);
EOF
grep -E "final mutation score" "$root/StrykerOutput.log" | sed 's/^\[[^]]*\] //'
echo "Stryker took ${elapsed}s; report: StrykerOutput/reports/mutation-report.html"
exit "$status"
