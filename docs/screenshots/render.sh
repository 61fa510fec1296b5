#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from the real application, headless:
# ReadmeScreenshots (src/app/src/test/java/dev/assay/ui) fills a fresh workbench with the README's
# own commands on the repository's HMDA models and data, opens the desktop window under Monocle
# (no display needed) at 1280x800 and writes a snapshot of each screen, light and dark. Fails when a
# label on a screen is cut off, an axis shows empty unit brackets, an Overview chip wraps, the
# navigation bar scrolls or a picture is blank. `verify` renders the same screens to
# src/app/target/screenshots (EveryScreenRenderedTest); this script writes them here instead.
# Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B "$@" test -pl src/app -am \
  -Dtest=ReadmeScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
  -Dassay.cli.aot.skip=true -Dassay.screenshots=docs/screenshots
ls -l docs/screenshots/*.png
