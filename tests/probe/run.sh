#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Offline tests of the probe runner's parts, without any kernel tree:
#
#   * the gate (config/lib/states.sh: oldest and newest release, Kconfig);
#   * the state match and the unknown-kernel rule, for every state of
#     config/api-states.tsv and for unknown combinations;
#   * the attribution of compiler diagnostics to probes
#     (config/lib/attribute.awk) on the logs recorded by record.sh from
#     real kernels and compilers (logs/*.diag: gcc 10, 12, 14, 16 on
#     Debian's headers; clang 19 on 6.1 and 7.3 trees configured with
#     LLVM=-19, recorded with MPC_ASSUME_EXPORTED=1 as such trees have no
#     Module.symvers), on a hand-written clang log with an error in a
#     kernel header, and on errors outside every probe;
#   * config/gen-states.py --check and the runner's --help;
#   * config/kbuild-flags.sh's cross flags for a tree of another architecture.
#
#   tests/probe/run.sh
#
# Prints TAP lines and "N passed, N failed"; exits 1 if any failed.

# The single-quoted bash -c scripts get their values as arguments.
# shellcheck disable=SC2016
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
# shellcheck source=config/lib/states.sh
. "$repo/config/lib/states.sh"
mpc_states_load "$repo/config/api-states.tsv"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpc-probe-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------------ gate
printf 'CONFIG_MMU=y\nCONFIG_64BIT=y\n' >"$tmp/mmu.config"
printf 'CONFIG_64BIT=y\n# CONFIG_MMU is not set\n' >"$tmp/nommu.config"
gate_is() { # want release kconfig [reason-regex]
	local rc=0
	mpc_gate "$2" "$3" || rc=$?
	[ "$rc" = "$1" ] || { echo "exit $rc, want $1: $mpc_gate_reason"; return 1; }
	[ -z "${4:-}" ] || grep -Eq -- "$4" <<<"$mpc_gate_reason" ||
		{ echo "reason: $mpc_gate_reason"; return 1; }
}
tap_check "gate: 4.19 is refused as older than 5.10" \
	gate_is 77 4.19.0-99-fake "$tmp/mmu.config" 'older than 5\.10'
tap_check "gate: 5.9.16 is refused" gate_is 77 5.9.16 "$tmp/mmu.config"
tap_check "gate: 5.10.0-46-amd64 is supported" \
	gate_is 0 5.10.0-46-amd64 "$tmp/mmu.config"
tap_check "gate: 5.1.0 is not read as 5.10" gate_is 77 5.1.0 "$tmp/mmu.config"
tap_check "gate: 7.3.4+deb13-amd64 is supported" \
	gate_is 0 7.3.4+deb13-amd64 "$tmp/mmu.config"
tap_check "gate: a kernel without CONFIG_MMU is refused, naming it" \
	gate_is 77 6.12.1 "$tmp/nommu.config" 'without CONFIG_MMU'
tap_check "gate: a release that is no version is refused" \
	gate_is 77 linux "$tmp/mmu.config"
saved_max=$mpc_gate_max
mpc_gate_max=7.3
tap_check "gate: with a newest release 7.3, 7.3.99 is supported" \
	gate_is 0 7.3.99 "$tmp/mmu.config"
tap_check "gate: with a newest release 7.3, 7.4.0 is refused" \
	gate_is 77 7.4.0 "$tmp/mmu.config" 'newer than 7\.3'
mpc_gate_max=$saved_max
tap_check "kernel-gate.sh prints the runner's message and exits 77" \
	bash -c '"$1/config/kernel-gate.sh" 4.19.0-1 "$2" 2>&1 |
		grep -q "^mmap-prepare-compat: kernel 4.19.0-1 is older than 5.10" &&
		! "$1/config/kernel-gate.sh" -q 4.19.0-1 "$2"; [ $? = 0 ] &&
		{ "$1/config/kernel-gate.sh" -q 4.19.0-1 "$2"; [ $? = 77 ]; }' \
	_ "$repo" "$tmp/mmu.config"

# ---------------------------------------------------------------- states
decide_is() { # want-verdict want-state present have_mmap strict
	mpc_states_decide "$3" "$4" "$5"
	if [ "$mpc_verdict" != "$1" ] || [ "$mpc_state" != "$2" ]; then
		echo "verdict $mpc_verdict state '$mpc_state' (want $1 '$2');" \
			"nearest $mpc_nearest, extra '$mpc_extra', lack '$mpc_lack'"
		return 1
	fi
}
for id in "${mpc_state_ids[@]}"; do
	tap_check "state $id (${mpc_state_label[$id]}) is recognised, path ${mpc_state_path[$id]}" \
		decide_is known "$id" "${mpc_state_probes[$id]} fop_mmap vm_flags_set" 1 1
done
tap_check "states: the probes' order does not matter" decide_is known 6.18 \
	"vm_area_desc_vm_file fop_mmap_prepare" 1 1
tap_check "states: only 7.2 and later is native" bash -c '
	. "$1/config/lib/states.sh"; mpc_states_load "$1/config/api-states.tsv"
	for id in "${mpc_state_ids[@]}"; do
		printf "%s=%s " "$id" "${mpc_state_path[$id]}"; done |
		grep -qx "5.10=compat 6.16=compat 6.18=compat 6.19=compat 7.0.4=compat 7.0.13=compat 7.1=compat 7.2=native "' \
	_ "$repo"

partial="fop_mmap_prepare vma_flags_t"
unknown_is() { # verdict have_mmap strict
	decide_is "$1" "" "$partial" "$2" "$3" || return 1
	if [ "$mpc_nearest" != 6.16 ] || [ "$mpc_extra" != vma_flags_t ] ||
	   [ -n "$mpc_lack" ]; then
		echo "nearest $mpc_nearest extra '$mpc_extra' lack '$mpc_lack'"
		return 1
	fi
}
tap_check "unknown: 6.16 + vma_flags_t with .mmap gets the compat path, naming vma_flags_t" \
	unknown_is unknown 1 0
tap_check "unknown: the same under MMAP_PREPARE_COMPAT_STRICT=1 is refused" \
	unknown_is refused 1 1
tap_check "unknown: the same without .mmap is refused" unknown_is refused 0 0
future_is() {
	decide_is refused "" "${mpc_state_probes[7.2]/vm_ops_mapped/}" 0 0 ||
		return 1
	if [ "$mpc_nearest" != 7.2 ] || [ "$mpc_lack" != vm_ops_mapped ]; then
		echo "nearest $mpc_nearest lack '$mpc_lack'"
		return 1
	fi
}
tap_check "unknown: 7.2 without vm_ops_mapped and .mmap is refused, naming vm_ops_mapped" \
	future_is
tap_check "unknown: an unknown 7.x with .mmap is not native" bash -c '
	. "$1/config/lib/states.sh"; mpc_states_load "$1/config/api-states.tsv"
	mpc_states_decide "${mpc_state_probes[7.2]} some_future_probe" 1 0
	[ "$mpc_verdict" = known ] || [ "$mpc_path" = compat ]' _ "$repo"

# ----------------------------------------------------------- attribution
mapfile -t all_probes < <(find "$repo/config/probes" -name '*.c' |
	sed 's|.*/||; s|\.c$||' | sort)
attribute() { # log
	LC_ALL=C awk -v names="${all_probes[*]}" -v pdir=@PROBES@ \
		-f "$repo/config/lib/attribute.awk" "$1"
}
# the probes a kernel of STATE lacking ABSENT_BLOCKS fails
want_failed() { # state absent_blocks
	local p
	for p in "${all_probes[@]}"; do
		[[ " ${mpc_state_probes[$1]} " == *" $p "* ]] && continue
		if [ -z "${mpc_state_member[$p]:-}" ] && [[ " $2 " != *" $p "* ]]; then
			continue	# a building block the kernel has
		fi
		echo "$p"
	done
}
n_logs=0
for log in "$here"/logs/*.diag; do
	[ -f "$log" ] || continue
	n_logs=$((n_logs + 1))
	meta=${log%.diag}.meta
	state=$(sed -n 's/^state=//p' "$meta")
	absent=$(sed -n 's/^absent_blocks=//p' "$meta")
	cc=$(sed -n 's/^compiler=//p' "$meta")
	name=$(basename "$log" .diag)
	attribute "$log" >"$tmp/$name.attr"
	want_failed "$state" "$absent" >"$tmp/$name.want"
	sed -n 's/^P //p' "$tmp/$name.attr" | sort -u >"$tmp/$name.got"
	if grep -q '^B ' "$tmp/$name.attr"; then
		tap_fail "$name ($cc): no error outside the probes" \
			"$(sed -n 's/^B //p' "$tmp/$name.attr")"
	else
		tap_ok "$name ($cc): no error outside the probes"
	fi
	if diff -u "$tmp/$name.want" "$tmp/$name.got" >"$tmp/$name.diff"; then
		tap_ok "$name ($cc): every error attributed to the probes state $state lacks"
	else
		tap_fail "$name ($cc): every error attributed to the probes state $state lacks" \
			"$(tail -n +3 "$tmp/$name.diff")"
	fi
	# the same log with an error in a kernel header and a missing header
	{
		cat "$log"
		echo "In file included from @BUILD@/all.c:30:"
		echo "@KERNEL@/include/linux/mm.h:1234:5: error: unknown type name 'foo_t'"
		echo "@PROBES@/vma_flags_t.c:18:10: fatal error: linux/nonexistent.h: No such file or directory"
	} >"$tmp/$name.broken"
	if [ "$(attribute "$tmp/$name.broken" | grep -c '^B ')" = 2 ]; then
		tap_ok "$name: an error in a kernel header and a fatal error are outside every probe"
	else
		tap_fail "$name: an error in a kernel header and a fatal error are outside every probe" \
			"$(attribute "$tmp/$name.broken" | grep '^B ')"
	fi
done
if [ "$n_logs" -ge 3 ]; then
	tap_ok "recorded logs: $n_logs"
else
	tap_fail "recorded logs: $n_logs (want gcc 10, 12 and 14 at least)"
fi

# which recorded logs make the runner compile the passing probes again
# shellcheck source=config/lib/diag.sh
. "$repo/config/lib/diag.sh"
verify_is() { # want(yes|no) diag
	local got=no
	if mpc_needs_verify "$2"; then got=yes; fi
	[ "$got" = "$1" ] || { echo "needs verify: $got, want $1"; return 1; }
}
tap_check "verify: 7.3 (only pointer-type mismatches) needs no second compile" \
	verify_is no "$here/logs/gcc-14-7.3.diag"
tap_check "verify: 6.1 (implicit declarations, unknown types) needs it" \
	verify_is yes "$here/logs/gcc-12-6.1.diag"
tap_check "verify: MPC_PROBE_VERIFY=always forces it" \
	env MPC_PROBE_VERIFY=always bash -c '. "$1"; mpc_needs_verify "$2"' _ \
	"$repo/config/lib/diag.sh" "$here/logs/gcc-14-7.3.diag"
tap_check "verify: clang on 7.3 (only pointer-type mismatches) needs no second compile" \
	verify_is no "$here/logs/clang-19-7.3.diag"
tap_check "verify: clang on 6.1 (incomplete types, undeclared names) needs it" \
	verify_is yes "$here/logs/clang-19-6.1.diag"
printf 'x.c:1:2: error: expected expression before ")" token\n' >"$tmp/syntax.diag"
tap_check "verify: a syntax error needs it" verify_is yes "$tmp/syntax.diag"

# clang's format by hand (no "In function" lines, the error at the probe's
# own line), with an error in a kernel header that no recording has
cat >"$tmp/clang.log" <<'EOF'
In file included from @BUILD@/all.c:5:
@PROBES@/fop_mmap_prepare.c:25:3: error: field designator 'mmap_prepare' does not refer to any field in type 'const struct file_operations'
   25 |         .mmap_prepare = mpc_probe_fop_mmap_prepare_hook,
      |         ~^~~~~~~~~~~~
In file included from @BUILD@/all.c:12:
@PROBES@/variants/mmap_action_prepare_legacy.c:28:7: error: use of undeclared identifier 'mmap_action_prepare'
@KERNEL@/include/linux/mm.h:42:1: error: unknown type name 'bar_t'
2 errors generated.
EOF
tap_check "clang format: errors in probe files go to their probes, a header error to none" \
	bash -c 'diff <(printf "P fop_mmap_prepare\nP mmap_action_prepare_legacy\nB %s\n" \
		"@KERNEL@/include/linux/mm.h:42:1: error: unknown type name '\''bar_t'\''") - ' \
	< <(attribute "$tmp/clang.log")

# gcc: an error reported in a kernel header, inside a probe's function
cat >"$tmp/ctx.log" <<'EOF'
@PROBES@/vm_flags_set.c: In function 'mpc_probe_vm_flags_set':
@KERNEL@/include/linux/mm.h:700:9: error: 'struct vm_area_struct' has no member named '__vm_flags'
@PROBES@/fop_mmap_prepare.c: In function 'mpc_probe_fop_mmap_prepare_hook':
@KERNEL@/include/linux/fs.h:10:1: error: something
@PROBES@/vm_flags_set.c: At top level:
@KERNEL@/include/linux/mm.h:800:1: error: outside
EOF
tap_check "gcc context: a header error inside mpc_probe_<p>* goes to <p>, the longest name" \
	bash -c 'diff <(printf "P vm_flags_set\nP fop_mmap_prepare\nB %s\n" \
		"@KERNEL@/include/linux/mm.h:800:1: error: outside") - ' \
	< <(attribute "$tmp/ctx.log")

# ------------------------------------------------------------ generated
tap_check "config/gen-states.py --check: generated files are up to date" \
	python3 "$repo/config/gen-states.py" --check
tap_check "probe-kernel.sh --help prints the whole usage and exits 0" \
	bash -c '"$1/config/probe-kernel.sh" --help | grep -q -- "--keep" &&
		"$1/config/probe-kernel.sh" --help | grep -q MMAP_PREPARE_COMPAT_STRICT' \
	_ "$repo"
tap_check "probe-kernel.sh with an unknown argument exits 2" \
	bash -c '"$1/config/probe-kernel.sh" --bogus >/dev/null 2>&1; [ $? = 2 ]' _ "$repo"

# ------------------------------------------------------ cross build flags
# config/kbuild-flags.sh (configure, dkms.conf) on a fake tree of each
# architecture: the cross flags only for a tree of another architecture
# than the host's, and never over the caller's CROSS_COMPILE.
fake_tree() { # dir config-line
	mkdir -p "$1/include/generated"
	printf '%s\nCONFIG_CC_VERSION_TEXT="gcc"\n' "$2" >"$1/.config"
	printf '#define UTS_RELEASE "6.12.0-1-fake"\n' >"$1/include/generated/utsrelease.h"
	: >"$1/include/generated/autoconf.h"
}
fake_tree "$tmp/arm64" CONFIG_ARM64=y
fake_tree "$tmp/x86" CONFIG_X86_64=y
case $(uname -m) in
x86_64) foreign=$tmp/arm64 native=$tmp/x86 want="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
aarch64) foreign=$tmp/x86 native=$tmp/arm64 want="ARCH=x86 CROSS_COMPILE=x86_64-linux-gnu-" ;;
*) foreign= ;;
esac
if [ -n "$foreign" ]; then
	tap_check "kbuild-flags.sh: a foreign tree gets '$want'" \
		bash -c '[ "$(env -u CROSS_COMPILE -u ARCH bash "$1/config/kbuild-flags.sh" "$2")" = "$3" ]' \
		_ "$repo" "$foreign" "$want"
	tap_check "kbuild-flags.sh: a tree of the host's architecture gets nothing" \
		bash -c '[ -z "$(env -u CROSS_COMPILE bash "$1/config/kbuild-flags.sh" "$2")" ]' \
		_ "$repo" "$native"
	tap_check "kbuild-flags.sh: the caller's ARCH and CROSS_COMPILE are kept" \
		bash -c '[ "$(ARCH=arm64 CROSS_COMPILE=my- bash "$1/config/kbuild-flags.sh" "$2")" = "ARCH=arm64 CROSS_COMPILE=my-" ]' \
		_ "$repo" "$foreign"
	printf 'CONFIG_CC_IS_CLANG=y\n' >>"$foreign/.config"
	tap_check "kbuild-flags.sh: a clang-built foreign tree gets LLVM=1 alone" \
		bash -c '[ "$(env -u CROSS_COMPILE -u LLVM bash "$1/config/kbuild-flags.sh" "$2")" = LLVM=1 ]' \
		_ "$repo" "$foreign"
fi

tap_done
