#!/usr/bin/env bash
# Regenerates Assay's icons (committed; run only to change them). Needs ImageMagick 6+ and python3.
#   linux/assay.png (256 px), windows/assay.ico (16-256 px), macos/assay.icns (128-512 px)
# The drawing: a rounded square with a three-bar chart and a check mark (no fonts, so it renders the
# same on every machine).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

convert -size 512x512 xc:none \
  -fill '#1d4e89' -draw 'roundrectangle 16,16 496,496 96,96' \
  -fill '#ffffff' -draw 'rectangle 112,300 172,400' -draw 'rectangle 212,220 272,400' \
  -draw 'rectangle 312,150 372,400' \
  -fill none -stroke '#5fd38d' -strokewidth 36 -draw 'polyline 120,210 190,270 400,96' \
  -define png:exclude-chunks=date,time -strip "$tmp/assay-512.png"
for size in 16 32 48 64 128 256; do
  convert "$tmp/assay-512.png" -resize ${size}x${size} -define png:exclude-chunks=date,time -strip \
    "$tmp/assay-$size.png"
done
cp "$tmp/assay-256.png" linux/assay.png
convert "$tmp"/assay-{16,32,48,64,128,256}.png windows/assay.ico
python3 - "$tmp" macos/assay.icns <<'PY'
import struct, sys
tmp, out = sys.argv[1], sys.argv[2]
chunks = b""
for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
    data = open(f"{tmp}/assay-{size}.png", "rb").read()
    chunks += kind + struct.pack(">I", len(data) + 8) + data
open(out, "wb").write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
PY
ls -l linux/assay.png windows/assay.ico macos/assay.icns
