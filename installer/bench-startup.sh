#!/usr/bin/env bash
# Start-up benchmark of the packaged app: time from process start to the main window's first frame
# (`assay --startup-check`), with the app-image's AOT cache, with only the JDK's default CDS archive,
# and without class-data sharing; on an existing workbench and on a new one (first start: database
# created, samples registered in the background).
#
#   installer/bench-startup.sh [APP_IMAGE] [RUNS]     (defaults: target/installer/assay, 7)
#
# Uses $DISPLAY, else starts Xvfb. Each variant gets one unmeasured run first (page cache warm, so
# "cold" means a new JVM, not a cold disk). Prints min / median / max in ms and the load average,
# since other work on the machine slows every figure. On a shared machine ASSAY_BENCH_PREFIX runs the
# app (and the Xvfb started here) ahead of the other work, which approximates an idle machine:
# ASSAY_BENCH_PREFIX="chrt -f 50" (real-time class, root) or "nice -n -20". The app-image itself is not modified: the
# variants run from a hard-linked copy with extra launchers whose .cfg differ only in that option.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="$(readlink -f "${1:-target/installer/assay}")"
RUNS="${2:-7}"
[[ -x "$IMAGE/bin/assay" ]] || { echo "no app-image at $IMAGE (./mvnw -Pinstaller -DskipTests package)" >&2; exit 2; }

work="$(mktemp -d)"
xvfb_pid=""
cleanup() { [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" ]]; then
  for n in $(seq 131 160); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
    ${ASSAY_BENCH_PREFIX:-} Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
    export DISPLAY=":$n"
    break
  done
fi

# a hard-linked copy (same files, same times: the AOT cache stays valid) with one launcher per variant
cp -al "$IMAGE" "$work/image"
cfg="$work/image/lib/app/assay.cfg"
variant() { # NAME SED-EXPRESSION
  cp "$work/image/bin/assay" "$work/image/bin/assay-$1"
  sed "$2" "$cfg" >"$work/image/lib/app/assay-$1.cfg"
}
variant aot 's/^$//'
variant cds '/-XX:AOTCache=/d'
variant nocds 's/^java-options=-XX:AOTCache=.*$/java-options=-Xshare:off/'
grep -q 'AOTCache' "$cfg" || echo "note: this app-image has no AOT cache (built without a display?)"

read -r -a prefix <<<"${ASSAY_BENCH_PREFIX:-}"
measure() { # LAUNCHER HOME -> prints ms
  "${prefix[@]}" "$work/image/bin/$1" --home "$2" --startup-check | sed -n 's/.*rendered \([0-9]*\) ms.*/\1/p'
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "%6d %6d %6d\n", a[1], a[int((NR+1)/2)], a[NR]}'; }

echo "Assay start-up to the first frame, $RUNS runs each, $(nproc) CPUs, DISPLAY=$DISPLAY${ASSAY_BENCH_PREFIX:+, run with: $ASSAY_BENCH_PREFIX}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-44s %6s %6s %6s  (ms)\n" "variant" "min" "median" "max"
for v in aot cds nocds; do
  home="$work/home-$v"
  measure "assay-$v" "$home" >/dev/null  # creates the workbench; unmeasured
  for _ in $(seq "$RUNS"); do measure "assay-$v" "$home"; done | stats | {
    read -r line
    case $v in
      aot) label="AOT cache (as shipped), existing workbench" ;;
      cds) label="JDK default CDS only, existing workbench" ;;
      nocds) label="no class-data sharing, existing workbench" ;;
    esac
    printf "%-44s %s\n" "$label" "$line"
  }
done
for v in aot cds; do
  for i in $(seq "$RUNS"); do measure "assay-$v" "$work/first-$v-$i"; done | stats | {
    read -r line
    printf "%-44s %s\n" "$([[ $v == aot ]] && echo "AOT cache, first start (new workbench)" || echo "default CDS, first start (new workbench)")" "$line"
  }
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
