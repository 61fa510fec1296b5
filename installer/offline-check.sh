#!/usr/bin/env bash
# The packaged app's command-line workflow on a new workbench, for running with no network:
#
#   unshare -n installer/offline-check.sh LAUNCHER SAMPLES_DIR OUT_DIR
#
# LAUNCHER is the packaged launcher (target/installer/assay/bin/assay or /opt/assay/bin/assay),
# SAMPLES_DIR a folder with the sample models and data (the app-image's lib/app/models), OUT_DIR a
# new folder for the workbench and the outputs. Every step whose command exists in this build runs
# and must succeed; a command the build does not have yet is reported as skipped. To add a step:
# one `step NAME -- COMMAND...` line (the command's first words are checked with --help).
# Prints "ok NAME", "skip NAME" or "FAIL NAME" per step; exits non-zero on the first failure.
set -uo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 LAUNCHER SAMPLES_DIR OUT_DIR" >&2
  exit 2
fi
LAUNCHER="$1"
SAMPLES="$2"
OUT="$3"
HOME_DIR="$OUT/home"
mkdir -p "$OUT"

# The network this process sees: anything but the loopback interface means we are not offline.
# (/proc/self/net/dev is this process's network namespace; /sys/class/net may show the host's)
interfaces="$(tail -n +3 /proc/self/net/dev | cut -d: -f1 | tr -d ' ' | grep -v '^lo$' | tr '\n' ' ')"
echo "network interfaces besides lo: ${interfaces:-none}"
if [[ -n "$interfaces" && "${ASSAY_OFFLINE_CHECK_ALLOW_NETWORK:-}" != 1 ]]; then
  echo "FAIL network: run this inside 'unshare -n' (or set ASSAY_OFFLINE_CHECK_ALLOW_NETWORK=1)" >&2
  exit 1
fi

assay() { "$LAUNCHER" --home "$HOME_DIR" "$@"; }

# has_command WORD...: whether each word is listed under "Commands:" in its parent's --help
# (a parent without --help counts as listing it)
has_command() {
  local parent=() word help
  for word in "$@"; do
    help="$(assay "${parent[@]}" --help 2>/dev/null)" || return 0
    sed -n '/^Commands:/,/^$/p' <<<"$help" | grep -qE "^ +$word( |,|$)" || return 1
    parent+=("$word")
  done
}

# step NAME -- WORD... ARGS: runs `assay WORD... ARGS` when the build has the command WORD...
# (the words before the first option, path or NAME:VERSION).
step() {
  local name="$1"
  shift 2
  local words=()
  local arg
  for arg in "$@"; do
    [[ "$arg" == -* || "$arg" == */* || "$arg" == *:* ]] && break
    words+=("$arg")
  done
  if ! has_command "${words[@]}"; then
    echo "skip $name (no '${words[*]}' command in this build)"
    return 0
  fi
  if assay "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; then
    echo "ok $name"
  else
    local code=$?
    echo "FAIL $name (exit $code): assay $*"
    sed 's/^/  | /' "$OUT/$name.out" "$OUT/$name.err"
    exit 1
  fi
}

step version -- --version
step import-model-v1 -- models import "$SAMPLES/hmda-deny-v1.onnx" --name hmda-deny --version 1
step import-model-v2 -- models import "$SAMPLES/hmda-deny-v2.onnx" --name hmda-deny --version 2 --json
step import-dataset -- datasets import "$SAMPLES/data/hmda_test.csv" --name hmda_test --json
step list-models -- models list --json
step eval -- eval --model hmda-deny:2 --data hmda_test --target deny --quiet \
  --json "$OUT/eval.json" --junit "$OUT/eval-junit.xml" --fail-if "roc_auc < 0.5"
step compare -- compare --models hmda-deny:1,hmda-deny:2 --data hmda_test --target deny \
  --json "$OUT/compare.json"
step fairness -- fairness --model hmda-deny:2 --data hmda_test --target deny --sensitive afam \
  --quiet --json "$OUT/fairness.json"
step security-scan -- security scan hmda-deny:2 --json "$OUT/scan.json"
step report -- report xlsx --run 1 --out "$OUT/report.xlsx" --quiet
step audit-verify -- audit verify
echo "offline workflow passed"
