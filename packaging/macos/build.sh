#!/usr/bin/env bash
# Build BounceDesk.app and a .dmg on macOS; sign and notarize when credentials are in the environment.
#   packaging/macos/build.sh            (PYTHON defaults to .venv/bin/python, else python3)
# Output: dist/BounceDesk.app and dist/BounceDesk-<version>-macos-<arch>.dmg
#
# Signing (optional; without it the app is ad-hoc signed and Gatekeeper will warn):
#   MACOS_SIGN_IDENTITY      "Developer ID Application: Name (TEAMID)"
#   MACOS_CERT_P12_BASE64    the Developer ID certificate + key as base64 .p12 (CI; skip when it is
#   MACOS_CERT_PASSWORD      already in your login keychain)
# Notarization (needs signing):
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-}"
[ -n "$PYTHON" ] || { [ -x .venv/bin/python ] && PYTHON=.venv/bin/python || PYTHON=python3; }
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
ARCH="$(uname -m)"
APP=dist/BounceDesk.app
DMG="dist/BounceDesk-$VERSION-macos-$ARCH.dmg"
ID="${MACOS_SIGN_IDENTITY:-}"

if [ -n "$ID" ] && [ -n "${MACOS_CERT_P12_BASE64:-}" ]; then
  echo "== importing the signing certificate into a temporary keychain"
  TMPD="${RUNNER_TEMP:-$(mktemp -d)}"
  KEYCHAIN="$TMPD/bouncedesk-signing.keychain-db"
  KC_PASS="$(uuidgen)"
  security create-keychain -p "$KC_PASS" "$KEYCHAIN"
  security set-keychain-settings -lut 3600 "$KEYCHAIN"
  security unlock-keychain -p "$KC_PASS" "$KEYCHAIN"
  echo "$MACOS_CERT_P12_BASE64" | base64 --decode > "$TMPD/cert.p12"
  security import "$TMPD/cert.p12" -k "$KEYCHAIN" -P "${MACOS_CERT_PASSWORD:-}" -T /usr/bin/codesign
  rm -f "$TMPD/cert.p12"
  security set-key-partition-list -S apple-tool:,apple: -s -k "$KC_PASS" "$KEYCHAIN" >/dev/null
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
fi

echo "== PyInstaller bundle ($VERSION)"
# The spec passes MACOS_SIGN_IDENTITY to PyInstaller, which signs every binary and the .app
# with the hardened runtime and packaging/macos/entitlements.plist.
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/bouncedesk.spec
test -d "$APP" || { echo "no $APP" >&2; exit 1; }
if [ -n "$ID" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

echo "== disk image"
STAGE="build/dmg"
rm -rf "$STAGE" "$DMG" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "BounceDesk $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "$ID" ]; then
  codesign --force --timestamp --sign "$ID" "$DMG"
  if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    echo "== notarization"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    echo "notarization skipped: set APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD"
  fi
else
  echo "signing skipped: set MACOS_SIGN_IDENTITY (and MACOS_CERT_P12_BASE64/MACOS_CERT_PASSWORD on CI)"
fi
echo "dmg $DMG ($(du -h "$DMG" | cut -f1))"
