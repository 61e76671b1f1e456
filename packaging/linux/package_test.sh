#!/usr/bin/env bash
# Checks of the Linux artifacts (run by `make package-test` after `make package`):
#  1. install the .deb by extracting it (dpkg-deb -x) into a temp root; its files and Depends pass
#     packaging/check_bundle.py (no tests/.venv/secrets; every system library declared)
#  2. the installed app runs `--self-test --screenshots DIR` offscreen: exit 0, no blank screenshot
#  3. desktop-file-validate and appstreamcli validate --no-net on the installed files
#  4. makensis compiles the Windows installer script against a tiny stand-in payload
#  5. sizes of the .deb (goal: under 120 MB) and the .tar.gz
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="${DIST:-$ROOT/dist}"
APP_ID=org.bouncedesk.BounceDesk
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
DEB="$(ls "$DIST"/bouncedesk_"$VERSION"_*.deb)"
TGZ="$(ls "$DIST"/bouncedesk-"$VERSION"-linux-*.tar.gz)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/bouncedesk-pkgtest.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
fail=0
step() { echo; echo "== $*"; }

step "extract $(basename "$DEB")"
dpkg-deb -x "$DEB" "$TMP/root"
dpkg-deb -f "$DEB" Package Version Architecture Installed-Size Depends
link="$(readlink "$TMP/root/usr/bin/bouncedesk")"
if [ "$link" = /opt/bouncedesk/bouncedesk ] && [ -x "$TMP/root$link" ]; then
  echo "/usr/bin/bouncedesk -> $link"
else
  echo "FAIL /usr/bin/bouncedesk points to '$link'"; fail=1
fi
for s in 16 24 32 48 64 128 256 512; do
  test -f "$TMP/root/usr/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png" || { echo "FAIL no ${s}px icon"; fail=1; }
done
test -f "$TMP/root/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" || { echo "FAIL no scalable icon"; fail=1; }

step "bundle contents and Depends"
"$PYTHON" packaging/check_bundle.py "$TMP/root/opt/bouncedesk" --depends "$(dpkg-deb -f "$DEB" Depends)" || fail=1

step "installed app: --self-test offscreen"
"$PYTHON" packaging/smoke_test.py "$TMP/root/opt/bouncedesk/bouncedesk" --shots "${SHOTS:-$ROOT/out/package-shots}" || fail=1

step "desktop entry and AppStream metainfo"
desktop-file-validate "$TMP/root/usr/share/applications/$APP_ID.desktop" && echo "desktop-file-validate: ok" || fail=1
grep -q "^Exec=bouncedesk$" "$TMP/root/usr/share/applications/$APP_ID.desktop" || { echo "FAIL Exec line"; fail=1; }
appstreamcli validate --no-net "$TMP/root/usr/share/metainfo/$APP_ID.metainfo.xml" || fail=1

step "Windows installer script (makensis, stand-in payload)"
mkdir -p "$TMP/win/payload/_internal"
printf 'stand-in\n' > "$TMP/win/payload/bouncedesk.exe"
printf 'stand-in\n' > "$TMP/win/payload/bouncedesk-gui.exe"
printf 'stand-in\n' > "$TMP/win/payload/_internal/base_library.zip"
if makensis -V2 -WX -DVERSION="$VERSION" -DBUNDLE_DIR="$TMP/win/payload" \
    -DOUTFILE="$TMP/win/BounceDesk-$VERSION-setup.exe" packaging/windows/bouncedesk.nsi \
   && [ -s "$TMP/win/BounceDesk-$VERSION-setup.exe" ]; then
  echo "makensis: ok ($(stat -c %s "$TMP/win/BounceDesk-$VERSION-setup.exe") bytes with the stand-in payload)"
else
  echo "FAIL makensis"; fail=1
fi

step "sizes"
deb_bytes=$(stat -c %s "$DEB")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
echo ".deb     $(basename "$DEB")  $(mb "$deb_bytes") compressed (goal < 120 MB)"
echo ".tar.gz  $(basename "$TGZ")  $(mb "$(stat -c %s "$TGZ")")"
echo "installed $(du -sh "$TMP/root/opt/bouncedesk" | cut -f1) under /opt/bouncedesk"
[ "$deb_bytes" -lt $((120 * 1048576)) ] || { echo "FAIL .deb is over 120 MB"; fail=1; }

echo
if [ "$fail" = 0 ]; then echo "package-test: all checks passed"; else echo "package-test: FAILED"; fi
exit "$fail"
