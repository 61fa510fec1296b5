#!/usr/bin/env bash
# Whole-process benchmark of `assay drift --model` through the distribution's launcher (issue 18, speed):
# the JVM options, heap and AOT cache a user gets, on a workbench the drift benchmark made
# (ASSAY_BENCH_COLUMNS=100 ./mvnw -Pbench-drift ... keeps target/bench/drift-home-1m-100; its first
# `--model` run builds and stores the profile, so run this once before timing, with ASSAY_JAVA_OPTS=-Xmx3g).
#
#   installer/bench-drift-cli.sh HOME [DIST] [RUNS]   (defaults: target/dist/assay, 5)
#
# ASSAY_BENCH_BASELINE=OTHER_DIST (e.g. the previous build copied with cp -a, its AOT cache retrained with
# installer/cli-aot.sh) runs the same command with that build in every round, alternating, and checks that
# the two JSON reports are identical apart from report_id. Prints per run CPU (user + system, all threads),
# wall time and the load average, then the medians: on a shared machine CPU moves less with the load.
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR="$(readlink -f "$1")"
DIST="$(readlink -f "${2:-target/dist/assay}")"
RUNS="${3:-5}"
BASE="${ASSAY_BENCH_BASELINE:-}"
MODEL="${ASSAY_BENCH_MODEL:-hmda-deny-v2:1}"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=target/drift-cli-bench
mkdir -p "$work"
builds=(new)
[[ -n "$BASE" ]] && builds=(baseline new)
declare -A cpu wall
for ((run = 1; run <= RUNS; run++)); do
  for build in "${builds[@]}"; do
    dist="$DIST"
    [[ $build == baseline ]] && dist="$(readlink -f "$BASE")"
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$dist/bin/assay" --home "$HOME_DIR" drift \
      --model "$MODEL" --reference ref:1 --current cur:1 --json "$work/report-$build.json" \
      >/dev/null 2>"$work/stderr-$build.txt"
    read -r w u s <"$work/time.txt"
    c="$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"
    cpu[$build]+="$c "
    wall[$build]+="$w "
    echo "$build run $run: CPU $c s, wall $w s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for build in "${builds[@]}"; do
  echo "$build: median CPU $(echo "${cpu[$build]}" | median) s, median wall $(echo "${wall[$build]}" | median) s"
done
if [[ -n "$BASE" ]]; then
  strip() { grep -v '"report_id"' "$1"; }
  if diff <(strip "$work/report-baseline.json") <(strip "$work/report-new.json") >/dev/null; then
    echo "reports identical apart from report_id"
  else
    echo "REPORTS DIFFER (beyond report_id)"
    exit 1
  fi
fi
