#!/usr/bin/env bash
# Whole-process benchmark of `assay explain` (issue 17): wall time of whole JVM processes (start, workbench open,
# model and data read, explanation, permutation importance with 5 repeats, storing, JSON), on the sample logistic
# model models/hmda-deny-v2.onnx and the first 1,000 rows of models/data/hmda_train.csv with a 100-row background:
# the closed form in log-odds alone, with --ale on three features, with --recourse; KernelSHAP on the probability
# to SE 0.01 with a random, a k-means (weighted) and a stratified background.
#
#   installer/bench-explain.sh [RUNS [CASE]]   (default 5; kernel cases run RUNS-2, at least 1; CASE: one case)
#
# Also: interventional TreeSHAP on the 25-tree / 30-feature forest (src/engine/src/test/resources/golden/
# tree_forest30.onnx, make_forest_shap_golden.py) over all 171 rows of breast_cancer_test.csv, 100-row background.
#
# Builds the class path with ./mvnw (offline) from the compiled modules, runs each case once to warm the disk
# cache, then RUNS times, and prints each case's sorted wall times, the median, the median CPU seconds (user +
# system, all threads, from /usr/bin/time) and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
ONLY="${2:-}"
KRUNS=$(( RUNS > 3 ? RUNS - 2 : 1 ))
JAVA=""
for dir in "${ASSAY_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
  [[ -n "$dir" && -x "$dir/bin/java" ]] || continue
  if "$dir/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then JAVA="$dir/bin/java"; break; fi
done
[[ -n "$JAVA" ]] || { echo "needs a JDK 25 (set ASSAY_JAVA_HOME)" >&2; exit 2; }
./mvnw -B -o -q compile dependency:build-classpath -pl src/app -am -Dmdep.outputFile=target/cp.txt \
  -Dassay.cli.aot.skip=true
CP="target/classes:$(cat src/app/target/cp.txt)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
run() { # name runs args...
  local name=$1 n=$2; shift 2
  [[ -z "$ONLY" || "$ONLY" == "$name" ]] || return 0
  local times=() cpus=()
  local model="${MODEL:-models/hmda-deny-v2.onnx}" data="${DATA:-models/data/hmda_train.csv}"
  local rows="${ROWS:-1000}"
  for i in $(seq 0 "$n"); do
    local s e
    s=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$WORK/$name.time" \
      "$JAVA" -Xmx512m -cp "$CP" dev.assay.Assay explain --model "$model" \
      --data "$data" --rows "$rows" --background 100 --home "$WORK/home" --quiet \
      --json "$WORK/$name.json" "$@" > /dev/null 2> "$WORK/$name.err" \
      || { echo "$name failed: $(grep assay: "$WORK/$name.err" | head -1)"; return; }
    e=$(date +%s.%N)
    (( i > 0 )) && times+=("$(echo "$e - $s" | bc)")
    (( i > 0 )) && cpus+=("$(awk '{print $1 + $2}' "$WORK/$name.time")")
  done
  local cpu
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  printf '%-24s median %6.2f s   CPU %6.2f s   runs %s   load %s\n' "$name" "$median" "$cpu" \
    "$(echo $sorted | tr '\n' ' ')" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "start: $(uptime)"
run linear "$RUNS" --output logit
run linear-ale "$RUNS" --output logit --ale pirat,lvrat,chist
run linear-recourse "$RUNS" --output logit --recourse 3 --immutable afam,single,selfemp
run kernel-random "$KRUNS" --method kernel
run kernel-kmeans "$KRUNS" --method kernel --background-mode kmeans
run kernel-stratified "$KRUNS" --method kernel --background-mode stratified
MODEL=src/engine/src/test/resources/golden/tree_forest30.onnx DATA=models/data/breast_cancer_test.csv ROWS=171 \
  run forest-tree "$RUNS" --method tree --repeats 0
echo "end: $(uptime)"
