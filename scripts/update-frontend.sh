#!/bin/sh
# Copy the front-end files we serve (and axe-core for the browser tests) out of node_modules,
# so an upgrade is: bump package.json, `npm install`, run this script, commit the result.
# No CDN: everything the pages load is a committed file under static/.
set -eu
cd "$(dirname "$0")/.."

USWDS=node_modules/@uswds/uswds/dist
AXE=node_modules/axe-core/axe.min.js
[ -d "$USWDS" ] && [ -f "$AXE" ] || { echo "run 'npm ci' first" >&2; exit 1; }

OUT=static/vendor/uswds
rm -rf "$OUT"
mkdir -p "$OUT/css" "$OUT/js"

# Source-map comments are stripped: the maps are not shipped, and Django's manifest storage
# (collectstatic) fails on a sourceMappingURL that points at a missing file.
strip_maps() { sed '/^\/[*\/]# sourceMappingURL=/d' "$1" > "$2"; }
strip_maps "$USWDS/css/uswds.min.css" "$OUT/css/uswds.min.css"
strip_maps "$USWDS/js/uswds-init.min.js" "$OUT/js/uswds-init.min.js"
strip_maps "$USWDS/js/uswds.min.js" "$OUT/js/uswds.min.js"
cp "$USWDS/../LICENSE.md" "$OUT/LICENSE.md"

# Only the fonts and images the CSS actually references (url(../...)), relative to css/.
grep -o 'url([^)]*)' "$OUT/css/uswds.min.css" \
  | sed -e 's/^url(//' -e 's/)$//' -e 's/["'\'']//g' \
  | grep '^\.\./' | sort -u \
  | while read -r ref; do
      rel=${ref#../}
      mkdir -p "$OUT/$(dirname "$rel")"
      cp "$USWDS/$rel" "$OUT/$rel"
    done

# axe-core is a test dependency only: the e2e tests inject it from here (CI runs on a fresh
# clone without node_modules). It is never served.
mkdir -p tests/e2e/vendor
cp "$AXE" tests/e2e/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core-LICENSE

echo "USWDS $(node -p "require('./node_modules/@uswds/uswds/package.json').version")," \
     "axe-core $(node -p "require('./node_modules/axe-core/package.json').version");" \
     "static/vendor is $(du -sh static/vendor | cut -f1)"
