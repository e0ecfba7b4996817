#!/usr/bin/env bash
# Renders the committed icon files from losscast.svg. Run it only after editing the SVG; the build uses the
# committed results, so neither rsvg-convert nor ImageMagick is a build dependency.
#   apt install librsvg2-bin imagemagick python3
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512 1024; do
    rsvg-convert -w "$s" -h "$s" losscast.svg -o "hicolor-$s.png"
done
convert hicolor-16.png hicolor-24.png hicolor-32.png hicolor-48.png hicolor-64.png hicolor-128.png \
        hicolor-256.png losscast.ico
python3 make_icns.py losscast.icns hicolor-16.png hicolor-32.png hicolor-64.png hicolor-128.png \
        hicolor-256.png hicolor-512.png hicolor-1024.png
rm hicolor-1024.png   # only needed inside the .icns
