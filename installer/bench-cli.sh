#!/usr/bin/env bash
# Whole-process benchmark of the CLI path (issue 14, part 3): wall time and peak RSS of whole `assay`
# processes as a pipeline sees them, against two reference programs compiled here from src/app/src/bench:
#   raw     RawEval.java: a JVM that parses the CSV.gz fast and runs raw ONNX Runtime session.run
#   tribuo  TribuoEval.java: Tribuo 4.3 (ONNXExternalModel + CSVDataSource + LabelEvaluator)
# on a deterministic 1,000,000-row HMDA CSV.gz (HmdaCsv.java, the rows of EvalBenchmark, seed 42) and the
# logistic model models/hmda-deny-v2.onnx.
#
#   installer/bench-cli.sh [DIST] [RUNS]      (defaults: target/dist/assay, 5; build it: ./mvnw -DskipTests package)
#
# Rounds are interleaved (raw, new, registered, list, version, then the next round), so a ratio compares
# runs made seconds apart; each ratio is per round (assay / raw of that round), then the median. Tribuo runs
# ASSAY_BENCH_TRIBUO_RUNS times (default 3; 0 skips it) after the rounds, each beside a raw run. Peak RSS is
# /usr/bin/time's maximum resident set size; CPU is the process's user + system time (all its threads),
# which on a shared machine moves less with the load than the wall time does.
# ASSAY_BENCH_ONE_PASS=1 adds, in each round, the new file imported first and then evaluated from its column
# cache (-Dassay.eval.onePass=false) for comparison with the default, the import done in the evaluation's own pass. ASSAY_BENCH_ONLY=eval skips models list and --version (and ASSAY_BENCH_ONLY=short the evaluations). Needs the JDK 25 the launcher finds, Maven's ~/.m2 with the
# jars of src/app/src/bench/peer-pom.xml (resolved by ./mvnw once; offline after that) and /usr/bin/time.
# ASSAY_BENCH_BASELINE=OTHER_DIST (a build to compare with, e.g. the previous one copied with cp -a) runs
# each of the commands with that build too in every round, the two builds in alternating order, and adds
# their rows and the per-round ratio new/baseline of CPU (user + system) and wall time.
# Prints the load average before and after: on a shared machine every figure moves with it, ratios less so.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="$(readlink -f "${1:-target/dist/assay}")"
RUNS="${2:-5}"
TRIBUO_RUNS="${ASSAY_BENCH_TRIBUO_RUNS:-3}"
[[ -x "$DIST/bin/assay" ]] || { echo "no distribution at $DIST (./mvnw -DskipTests package)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

jdk=""
for dir in "${ASSAY_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/*; do
  [[ -n "$dir" && -x "$dir/bin/javac" && -f "$dir/release" ]] || continue
  if [[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")" -ge 25 ]]; then jdk="$dir"; break; fi
done
[[ -n "$jdk" ]] || { echo "needs a JDK 25 (set ASSAY_JAVA_HOME)" >&2; exit 2; }

work=target/cli-bench
mkdir -p "$work"
data="$work/hmda-1m.csv.gz"
model=models/hmda-deny-v2.onnx
features=afam,chist,condomin,hirat,hschool,insurance,lvrat,mhist,phist,pirat,selfemp,single,unemp
[[ -f "$data" ]] || "$jdk/bin/java" src/app/src/bench/HmdaCsv.java models/data/hmda_train.csv "$data"
for peer in raw tribuo; do
  if [[ ! -f "$work/cp-$peer.txt" ]]; then
    ./mvnw -B -q -f src/app/src/bench/peer-pom.xml -P"$peer" dependency:build-classpath \
      -Dmdep.outputFile="$PWD/$work/cp-$peer.txt" >&2
  fi
done
"$jdk/bin/javac" -d "$work/raw" -cp "$(cat "$work/cp-raw.txt")" src/app/src/bench/RawEval.java
"$jdk/bin/javac" -d "$work/tribuo" -cp "$(cat "$work/cp-tribuo.txt")" src/app/src/bench/TribuoEval.java

homes="$(mktemp -d "$PWD/$work/homes.XXXXXX")"
trap 'rm -rf "$homes"' EXIT
export ASSAY_JAVA_HOME="$jdk"
assay=("$DIST/bin/assay")
eval_args=(eval --model "$model" --data "$data" --target deny --quiet)
# the registered case: model and data imported once, unmeasured
"${assay[@]}" --home "$homes/registered" "${eval_args[@]}" >/dev/null
base=()
if [[ -n "${ASSAY_BENCH_BASELINE:-}" ]]; then
  base=("$(readlink -f "$ASSAY_BENCH_BASELINE")/bin/assay")
  [[ -x "${base[0]}" ]] || { echo "no distribution at $ASSAY_BENCH_BASELINE" >&2; exit 2; }
  "${base[@]}" --home "$homes/registered-b" "${eval_args[@]}" >/dev/null
fi

results="$homes/results"
: >"$results"
# a measured command's stderr goes to a file; /usr/bin/time's line is the last one written there
measure() { # NAME ROUND COMMAND...
  local name="$1" round="$2"
  shift 2
  if ! /usr/bin/time -o "$homes/time" -f '%e %M %U %S' "$@" >/dev/null 2>"$homes/stderr"; then
    echo "$name failed in round $round:" >&2
    tail -3 "$homes/stderr" >&2
  fi
  echo "$name $round $(cat "$homes/time")" >>"$results"
}
raw=("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$work/raw:$(cat "$work/cp-raw.txt")" RawEval
  "$model" "$data" deny "$features")

echo "Whole-process CLI benchmark, $RUNS interleaved rounds, $(nproc) CPUs, $DIST"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${raw[@]}" >/dev/null  # warms the page cache; unmeasured
# one build's commands of a round; SUFFIX "" for DIST, "-b" for the baseline
commands() { # SUFFIX ROUND ASSAY...
  local suffix="$1" round="$2"
  shift 2
  if [[ "${ASSAY_BENCH_ONLY:-}" != short ]]; then
    measure "new$suffix" "$round" "$@" --home "$homes/new$suffix-$round" "${eval_args[@]}"
    if [[ -n "${ASSAY_BENCH_ONE_PASS:-}" ]]; then # the new file imported, then evaluated
      ASSAY_JAVA_OPTS="-Dassay.eval.onePass=false ${ASSAY_JAVA_OPTS:-}" \
        measure "twopass$suffix" "$round" "$@" --home "$homes/twopass$suffix-$round" "${eval_args[@]}"
    fi
    measure "registered$suffix" "$round" "$@" --home "$homes/registered$suffix" "${eval_args[@]}"
  fi
  if [[ "${ASSAY_BENCH_ONLY:-}" != eval ]]; then
    measure "list$suffix" "$round" "$@" --home "$homes/registered$suffix" models list
    measure "version$suffix" "$round" "$@" --version
  fi
}
for round in $(seq "$RUNS"); do
  if [[ "${ASSAY_BENCH_ONLY:-}" != short ]]; then
    measure raw "$round" "${raw[@]}"
  fi
  if [[ ${#base[@]} -eq 0 ]]; then
    commands "" "$round" "${assay[@]}"
  elif ((round % 2)); then # the two builds in alternating order
    commands "" "$round" "${assay[@]}"
    commands -b "$round" "${base[@]}"
  else
    commands -b "$round" "${base[@]}"
    commands "" "$round" "${assay[@]}"
  fi
done
if [[ "$TRIBUO_RUNS" -gt 0 ]]; then
  gunzip -c "$data" >"$homes/hmda-1m.csv"  # Tribuo's CSVDataSource reads plain CSV only
  for round in $(seq "$TRIBUO_RUNS"); do
    measure raw-t "$round" "${raw[@]}"
    measure tribuo "$round" "$jdk/bin/java" --enable-native-access=ALL-UNNAMED \
      -cp "$work/tribuo:$(cat "$work/cp-tribuo.txt")" TribuoEval "$model" "$homes/hmda-1m.csv" deny "$features"
    measure new-t "$round" "${assay[@]}" --home "$homes/new-t-$round" "${eval_args[@]}"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -v base="${ASSAY_BENCH_BASELINE:-}" '
  { wall[$1, $2] = $3; rss[$1, $2] = $4; cpu[$1, $2] = $5 + $6; if (!($1 in n)) order[++names] = $1; n[$1]++ }
  function median(a, k,   i, j, t) { # sorts a[1..k] in place
    for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  function row(label, name, base,   i, k, w, r, q) {
    if (!(name in n)) return
    k = n[name]; split("", w); split("", r); split("", q); split("", c); split("", p)
    for (i = 1; i <= k; i++) {
      w[i] = wall[name, i]; r[i] = rss[name, i] / 1024; c[i] = cpu[name, i]
      if (base != "") { q[i] = wall[name, i] / wall[base, i]; p[i] = cpu[name, i] / cpu[base, i] }
    }
    printf "%-58s %8.2f s %8.0f MB %8.2f s", label, median(w, k), median(r, k), median(c, k)
    if (base != "") printf "   %5.2fx / %5.2fx %s", median(q, k), median(p, k), (base ~ /^raw/ ? "the raw program" : base)
    printf "\n"
  }
  END {
    printf "%-58s %10s %11s %10s   %s\n", "command (medians)", "wall", "peak RSS", "CPU", "same-round ratio (wall / CPU)"
    row("raw ONNX Runtime program (parse + session.run)", "raw", "")
    row("assay --home NEW eval (new workbench, new file; one pass)", "new", "raw")
    row("same, import then evaluate (-Dassay.eval.onePass=false)", "twopass", "raw")
    row("assay eval, dataset already registered", "registered", "raw")
    row("assay models list", "list", "")
    row("assay --version", "version", "")
    if ("registered-b" in n || "list-b" in n) {
      print "baseline build " base ", then the ratio DIST / baseline per round (wall / CPU):"
      row("baseline: new workbench, new file", "new-b", "raw")
      row("baseline: import then evaluate", "twopass-b", "raw")
      row("baseline: dataset already registered", "registered-b", "raw")
      row("baseline: models list", "list-b", "")
      row("baseline: --version", "version-b", "")
      row("DIST / baseline: new workbench, new file", "new", "new-b")
      row("DIST / baseline: import then evaluate", "twopass", "twopass-b")
      row("DIST / baseline: dataset already registered", "registered", "registered-b")
      row("DIST / baseline: models list", "list", "list-b")
      row("DIST / baseline: --version", "version", "version-b")
    }
    if ("tribuo" in n) {
      row("raw program (Tribuo rounds)", "raw-t", "")
      row("Tribuo 4.3 (ONNXExternalModel, CSVDataSource, LabelEvaluator)", "tribuo", "raw-t")
      row("assay --home NEW eval (Tribuo rounds)", "new-t", "raw-t")
      k = n["tribuo"]
      for (i = 1; i <= k; i++) { s[i] = wall["tribuo", i] / wall["new-t", i]; m[i] = rss["tribuo", i] / rss["new-t", i] }
      printf "Tribuo / assay (new workbench, new file), per round: %.1fx the time, %.1fx the peak RSS\n", median(s, k), median(m, k)
    }
  }' "$results"
