#!/usr/bin/env bash
# Debian packages the full test suite uses: LibreOffice and poppler render documents to PDF
# (python3-uno lets unoserver keep one LibreOffice warm for the PDF renditions),
# Chromium runs the browser tests. Installs only what is missing, and only when it can (root).
set -euo pipefail
wanted=(libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2 chromium fonts-dejavu-core)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Not installing ${missing[*]} (needs root and apt-get); the tests that need them will skip." >&2
  exit 0
fi
echo "Installing ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
