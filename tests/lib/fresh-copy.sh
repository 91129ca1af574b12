#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Copy the tree as a fresh checkout has it: the files git tracks, or, outside
# a git checkout (a dist tarball), the tree without build output. For the
# suites that try the project as a new user would (tests/configure,
# tests/setup).
#
#   tests/lib/fresh-copy.sh DEST    (DEST is created; it must not exist yet
#                                    or be empty)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dest=${1:?usage: fresh-copy.sh DEST}
mkdir -p "$dest"
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$repo" ls-files -z | (cd "$repo" && cpio -0pdm --quiet "$dest")
else
	tar -C "$repo" --exclude=./build --exclude='./build-*' --exclude=./_kbuild \
		-cf - . | tar -C "$dest" -xf -
fi
