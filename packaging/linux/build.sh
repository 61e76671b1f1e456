#!/usr/bin/env bash
# Build the Linux artifacts: the PyInstaller bundle, a .deb installing under /opt/bouncedesk, and a
# .tar.gz of the bundle.   packaging/linux/build.sh [--no-bundle]   (--no-bundle reuses dist/bouncedesk)
# Environment: PYTHON (default .venv/bin/python), DIST (default dist/), BUILD (default build/).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="${DIST:-$ROOT/dist}"
BUILD="${BUILD:-$ROOT/build}"
APP_ID=org.bouncedesk.BounceDesk
HERE=packaging/linux
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
DATE="$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
t0=$(date +%s)

if [ "${1:-}" != "--no-bundle" ]; then
  echo "== PyInstaller bundle"
  "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/pyinstaller/bouncedesk.spec
fi
BUNDLE="$DIST/bouncedesk"
test -x "$BUNDLE/bouncedesk" || { echo "no bundle at $BUNDLE" >&2; exit 1; }
t1=$(date +%s)

echo "== staging the .deb tree"
STAGE="$BUILD/deb/bouncedesk_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/bouncedesk" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/bouncedesk"
ln -s /opt/bouncedesk/bouncedesk "$STAGE/usr/bin/bouncedesk"
install -m 644 "$HERE/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$HERE/$APP_ID.metainfo.xml" \
  > "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
install -m 644 resources/icons/bouncedesk.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in resources/icons/png/bouncedesk-*.png; do
  n="$(basename "$png" .png)"; n="${n#bouncedesk-}"
  install -D -m 644 "$png" "$STAGE/usr/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
done
install -m 644 "$HERE/copyright" "$STAGE/usr/share/doc/bouncedesk/copyright"
printf 'bouncedesk (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- BounceDesk <packaging@bouncedesk.invalid>  %s\n' \
  "$VERSION" "$VERSION" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" | gzip -9n > "$STAGE/usr/share/doc/bouncedesk/changelog.gz"
# shared objects need no execute bit (Debian policy); the loader maps them either way
find "$STAGE/opt/bouncedesk" -type f -name '*.so*' -exec chmod 644 {} +
# the newest glibc symbol version any bundled binary asks for (the build host's glibc sets the floor)
GLIBC="$(find "$STAGE/opt/bouncedesk" -type f \( -name '*.so*' -o -name bouncedesk \) -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sed 's/GLIBC_//' | sort -uV | tail -1)"
SIZE="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" -e "s/@GLIBC@/${GLIBC:-2.31}/" \
  "$HERE/control.in" > "$STAGE/DEBIAN/control"
chmod -R u+rwX,go+rX,go-w "$STAGE"

echo "== .deb"
DEB="$DIST/bouncedesk_${VERSION}_${ARCH}.deb"
# zstd level 9: 75 MB in ~7 s here (level 3: 82 MB in 1.4 s; level 19: 66 MB in 106 s; xz: 68 s)
dpkg-deb --root-owner-group -Zzstd -z9 --build "$STAGE" "$DEB" >/dev/null
t2=$(date +%s)

echo "== .tar.gz"
TGZ="$DIST/bouncedesk-${VERSION}-linux-$(uname -m).tar.gz"
TARDIR="$BUILD/tar/bouncedesk-$VERSION"
rm -rf "$BUILD/tar" && mkdir -p "$TARDIR/share"
cp -a "$BUNDLE/." "$TARDIR/"
cp -a "$STAGE/usr/share/applications" "$STAGE/usr/share/icons" "$STAGE/usr/share/metainfo" "$TARDIR/share/"
cat > "$TARDIR/INSTALL.txt" <<TXT
BounceDesk $VERSION for Linux ($(uname -m)).
Run ./bouncedesk from this folder (or link it into your PATH). For a menu entry, copy share/ into
~/.local/share/ and replace "Exec=bouncedesk" in share/applications/$APP_ID.desktop with the full
path of this folder's bouncedesk. Needs glibc $GLIBC or newer and the X11/Wayland libraries of a
desktop system (Debian/Ubuntu: prefer the .deb, which installs them).
TXT
GZ="gzip -6"; command -v pigz >/dev/null && GZ="pigz -6"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$BUILD/tar" -I "$GZ" -cf "$TGZ" "bouncedesk-$VERSION"
t3=$(date +%s)

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
echo "bundle  $(du -sh "$BUNDLE" | cut -f1)  ($((t1 - t0)) s)"
echo "deb     $DEB  $(mb "$DEB")  ($((t2 - t1)) s)  Depends libc6 >= $GLIBC"
echo "tar.gz  $TGZ  $(mb "$TGZ")  ($((t3 - t2)) s)"
