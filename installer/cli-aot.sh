#!/usr/bin/env bash
# Trains the CLI's AOT cache of a distribution (run by `./mvnw package`, execution dist-cli-aot):
# one CLI evaluation of a sample model and dataset on a new workbench, through the distribution's
# own bin/assay, so the cache has the launcher's class path and JVM options; then `models list` on that
# workbench for lib/assay-cli-short.aot (list and show commands). Never fails the build:
# without a JDK 25 or when the run fails, the distribution has no cache and starts without one.
#
#   installer/cli-aot.sh DIST WORK     (DIST: target/dist/assay; WORK: a folder for the training run)
set -uo pipefail
cd "$(dirname "$0")/.."
dist="$1"
work="$2"
cache="$dist/lib/assay-cli.aot"
short="$dist/lib/assay-cli-short.aot"
home="$work/aot-training-home"
rm -rf "$home" "$cache" "$short"
mkdir -p "$work"
if ASSAY_AOT_OUTPUT="$cache" "$dist/bin/assay" --home "$home" eval --model models/hmda-deny-v2.onnx \
  --data models/data/hmda_test.csv --target deny --quiet >"$work/aot-training.log" 2>&1 && [[ -f "$cache" ]]; then
  echo "CLI AOT cache: $cache ($(($(stat -c %s "$cache") / 1048576)) MiB)"
  # the second cache, for `assay X list|show` (bin/assay): trained on `models list` of that workbench
  if ASSAY_AOT_OUTPUT="$short" "$dist/bin/assay" --home "$home" models list \
    >"$work/aot-training-short.log" 2>&1 && [[ -f "$short" ]]; then
    echo "CLI AOT cache for list/show: $short ($(($(stat -c %s "$short") / 1048576)) MiB)"
  else
    rm -f "$short"
    echo "no AOT cache for list/show; they start with the evaluation's (see $work/aot-training-short.log)"
  fi
else
  rm -f "$cache"
  echo "no CLI AOT cache; the CLI starts without one (see $work/aot-training.log)"
fi
rm -rf "$home"
