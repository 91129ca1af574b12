#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What a user reads first: README.md's install section leads with the
# package commands (apt install of the .deb, dnf install of the .rpm)
# before scripts/setup and the by-hand build; Documentation/
# vendor-packages.rst explains the vendor template (acme-dkms:
# BUILD_DEPENDS, the package relationship, the kit path).
#
#   tests/packages/docs.sh [BUILDDIR]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

# the install section: from "## Install" to the next "## "
install=$(awk '/^## / { on = ($0 == "## Install") } on' "$repo/README.md")
# its command lines (indented by four), in order
cmds=$(sed -n 's/^    \([^ ].*\)/\1/p' <<< "$install")
first=$(head -n 2 <<< "$cmds")
tap_note "README's first install commands: $(tr '\n' ';' <<< "$first")"
tap_check "README's install section starts with apt install of the .deb" \
	grep -q 'apt install \./mmap-prepare-compat-dkms_.*\.deb' <<< "$(head -n 1 <<< "$cmds")"
tap_check "then dnf install of the .rpm" \
	grep -q 'dnf install \./mmap-prepare-compat-dkms-.*\.rpm' <<< "$(sed -n 2p <<< "$cmds")"
rest=$(tail -n +3 <<< "$cmds")
tap_check "scripts/setup and make install come after them" \
	bash -c "grep -q '^scripts/setup' <<< '$rest' && grep -q '^make install' <<< '$rest'"
v=$repo/Documentation/vendor-packages.rst
tap_check "Documentation/vendor-packages.rst: BUILD_DEPENDS, Depends on mmap-prepare-compat-dkms, the kit path" \
	bash -c "grep -q 'BUILD_DEPENDS' '$v' && grep -q 'mmap-prepare-compat-dkms' '$v' &&
		grep -q '/usr/share/mmap-prepare-compat/kit' '$v'"
tap_done
