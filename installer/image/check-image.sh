#!/usr/bin/env bash
# Checks the CLI's OCI image without a Docker engine (./mvnw -Pimage verify runs it):
#   1. skopeo reads the OCI archive: non-root user, the runtime's java as entry point;
#   2. umoci unpacks it into a root filesystem (runtime-spec bundle);
#   3. the entry point runs from that root filesystem as the image's user, as a pod would run it
#      (root filesystem read-only, a fresh /tmp, no network): --version, an eval of a sample model
#      that passes its gate (exit 0, JUnit XML), one that fails it (exit 4).
# Needs root (or an unprivileged user namespace) for chroot and mounts; skopeo, umoci and jq from
# Debian (apt-get install skopeo umoci jq).
# Usage: installer/image/check-image.sh target/image/assay-image.tar VERSION
set -euo pipefail
tar_file="$1"
version="$2"
for tool in skopeo umoci jq unshare chroot; do
  command -v "$tool" >/dev/null || { echo "check-image: $tool is missing (apt-get install skopeo umoci jq)" >&2; exit 1; }
done
fail() { echo "check-image: FAILED: $*" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

# 1. the configuration
config="$(skopeo inspect --config "oci-archive:$tar_file")"
user="$(jq -r '.config.User' <<<"$config")"
entry="$(jq -r '.config.Entrypoint[0]' <<<"$config")"
echo "check-image: user $user, entry point $entry, $(jq -r '.rootfs.diff_ids | length' <<<"$config") layers"
[[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || fail "the image's user is '$user', not a numeric non-root uid"
[[ "$entry" == /opt/assay/runtime/bin/java ]] || fail "entry point is $entry"
[[ "$(jq -r '.config.Env[]' <<<"$config" | grep -c '^ASSAY_HOME=/tmp/')" == 1 ]] || fail "ASSAY_HOME is not under /tmp"
skopeo inspect "oci-archive:$tar_file" | jq -e '.Labels["org.opencontainers.image.version"]' >/dev/null \
  || fail "no version label"

# 2. unpack
skopeo copy -q "oci-archive:$tar_file" "oci:$work/oci:assay"
umoci unpack --image "$work/oci:assay" "$work/bundle" >/dev/null
rootfs="$work/bundle/rootfs"
[[ ! -e "$rootfs/usr/bin/apt-get" && ! -e "$rootfs/bin/bash" ]] || fail "the image has a package manager or bash"
uid="$(jq -r '.process.user.uid' "$work/bundle/config.json")"
gid="$(jq -r '.process.user.gid' "$work/bundle/config.json")"
mapfile -t args < <(jq -r '.process.args[]' "$work/bundle/config.json")
echo "check-image: unpacked $(du -sm "$rootfs" | cut -f1) MB; runs as $uid:$gid: ${args[*]}"

# 3. run the entry point in the root filesystem: read-only, tmpfs on /tmp, /proc and /dev as a
# runtime gives them, no network (its own network namespace); prints the exit code of each command
# mount, network and pid namespaces (proc needs its own pid namespace); a user namespace when not root
namespaces=(-m -n -p --fork)
[[ "$(id -u)" == 0 ]] || namespaces+=(-r)
run_in_image() { # run_in_image OUTFILE ARGS...: the entry point with ARGS; output in OUTFILE
  local out="$1"; shift
  local quoted; quoted="$(printf ' %q' "${args[@]}" "$@")"
  local code=0
  unshare "${namespaces[@]}" bash -c "
    set -e
    mount --rbind '$rootfs' '$rootfs'
    mount -o remount,bind,ro '$rootfs' 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev '$rootfs'
    mount -t tmpfs -o mode=1777 tmpfs '$rootfs/tmp'
    mount -t proc proc '$rootfs/proc'
    mount --rbind /dev '$rootfs/dev'
    mount --rbind /sys '$rootfs/sys'
    set +e
    chroot --userspec=$uid:$gid '$rootfs' $quoted
    code=\$?
    cp -r '$rootfs/tmp/.' '$work/out/' 2>/dev/null || true
    exit \$code" >"$out" 2>&1 || code=$?
  return $code
}
mkdir -p "$work/out"

code=0
run_in_image "$work/version.txt" --version || code=$?
[[ $code == 0 ]] || { cat "$work/version.txt"; fail "--version exited $code"; }
cat "$work/version.txt"
grep -q "^assay $version" "$work/version.txt" || fail "--version does not say assay $version"

gate=(eval --model /opt/assay/models/hmda-deny-v2.onnx --data /opt/assay/models/data/hmda_test.csv
      --target deny --quiet --json /tmp/run.json --junit /tmp/junit.xml)
mkdir -p "$work/out"
code=0
run_in_image "$work/eval.txt" "${gate[@]}" --fail-if "roc_auc < 0.75" || code=$?
cat "$work/eval.txt"
[[ $code == 0 ]] || fail "eval with a gate that holds exited $code"
grep -q '<testsuite' "$work/out/junit.xml" || fail "no JUnit XML from the eval"
jq -e '.metrics.roc_auc > 0.75' "$work/out/run.json" >/dev/null || fail "run.json has no roc_auc over 0.75"

code=0
run_in_image "$work/fail.txt" "${gate[@]}" --fail-if "roc_auc < 0.99" || code=$?
[[ $code == 4 ]] || { cat "$work/fail.txt"; fail "eval with a failing gate exited $code, not 4"; }
grep -q '<failure' "$work/out/junit.xml" || fail "the failing gate's JUnit XML has no <failure>"

echo "check-image: OK (image $(du -m "$tar_file" | cut -f1) MB; --version, eval gate passing (0) and failing (4) from the unpacked root filesystem as $uid:$gid; $(( $(date +%s) - started )) s)"
