#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of scripts/mpc-port (no kernel needed, spatch installed on demand):
#
#   for every tests/port/cases/NAME/in.c (a small driver written here, one
#   per rewrite):
#     - --in-place gives cases/NAME/out.c, the report cases/NAME/report.jsonl
#       and exit status 1 if the report leaves a hook, else 0;
#     - the default diff, applied with patch, gives the same file and the
#       input is not touched;
#     - a second run changes nothing (idempotence), with the same status;
#     - --unwire gives in.c back byte for byte when in.c was 7.3 code, and
#       wiring its result again gives out.c back when in.c was legacy;
#   bad input (not C, unbalanced, binary, missing, spatch missing or failing,
#   an unknown option): exit status 2 and no file changed, also when the bad
#   file is one of several.
#
# Prints TAP-like lines and "N passed, N failed"; exit 1 on any failure.
#
#   tests/port/run.sh [CASE...]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
tool=$repo/scripts/mpc-port
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

check() { # description command...
	local d=$1
	shift
	if "$@" >/dev/null 2>&1; then tap_emit ok "$d"; else tap_emit "not ok" "$d"; fi
}
# expect_rc WANT description command...: the command's exit status is WANT.
expect_rc() {
	local want=$1 d=$2 rc=0
	shift 2
	"$@" >/dev/null 2>&1 || rc=$?
	if [ "$rc" = "$want" ]; then
		tap_emit ok "$d"
	else
		tap_emit "not ok" "$d (exit status $rc, want $want)"
	fi
}

if ! command -v spatch >/dev/null; then
	echo "# installing coccinelle" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q coccinelle >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-port-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

cases=("$@")
if [ ${#cases[@]} = 0 ]; then
	for d in "$here"/cases/*/; do
		cases+=("$(basename "$d")")
	done
fi

for c in "${cases[@]}"; do
	src=$here/cases/$c
	w=$work/$c
	mkdir -p "$w"
	cp "$src"/*.[ch] "$w/"
	rm -f "$w/out.c"
	mv "$w/in.c" "$w/$c.c"
	want=0
	grep -q '"status": "left"' "$src/report.jsonl" && want=1
	# Diff mode: the input stays, the diff gives the expected output.
	cp "$w/$c.c" "$w/orig.c"
	rc=0
	(cd "$w" && "$tool" "$c.c" > out.diff 2>/dev/null) || rc=$?
	check "$c: diff mode leaves the file alone" cmp -s "$w/$c.c" "$w/orig.c"
	cp "$w/orig.c" "$w/patched"
	if [ "$rc" = "$want" ] && { [ ! -s "$w/out.diff" ] ||
		(cd "$w" && patch -s -p1 -o patched < out.diff >/dev/null); } &&
		cmp -s "$w/patched" "$src/out.c"; then
		tap_emit ok "$c: the diff gives out.c (exit status $want)"
	else
		tap_emit "not ok" "$c: the diff gives out.c (exit status $rc, want $want)"
	fi
	# In place, with the JSON report.
	rc=0
	(cd "$w" && "$tool" --in-place --report report.jsonl "$c.c" >/dev/null 2>&1) || rc=$?
	if [ "$rc" = "$want" ] && cmp -s "$w/$c.c" "$src/out.c"; then
		tap_emit ok "$c: --in-place gives out.c (exit status $want)"
	else
		tap_emit "not ok" "$c: --in-place gives out.c (exit status $rc, want $want)"
		diff -u "$src/out.c" "$w/$c.c" | sed 's/^/# /' | head -n 30 || true
	fi
	sed "s|\"$c.c\"|\"in.c\"|" "$w/report.jsonl" > "$w/report.norm"
	if cmp -s "$w/report.norm" "$src/report.jsonl"; then
		tap_emit ok "$c: report as expected"
	else
		tap_emit "not ok" "$c: report as expected"
		diff -u "$src/report.jsonl" "$w/report.norm" | sed 's/^/# /' | head -n 20 || true
	fi
	# Idempotence.
	cp "$w/$c.c" "$w/once.c"
	rc=0
	(cd "$w" && "$tool" --in-place "$c.c" >/dev/null 2>&1) || rc=$?
	if [ "$rc" = "$want" ] && cmp -s "$w/$c.c" "$w/once.c"; then
		tap_emit ok "$c: a second run changes nothing"
	else
		tap_emit "not ok" "$c: a second run changes nothing (exit status $rc)"
	fi
	# Unwire.
	(cd "$w" && "$tool" --in-place --unwire "$c.c" >/dev/null 2>&1) || true
	if grep -q '"status": "converted"' "$src/report.jsonl"; then
		check "$c: --unwire leaves no wiring" \
			bash -c "! grep -qE 'MMAP_PREPARE_|mmap_prepare_compat' '$w/$c.c'"
		(cd "$w" && "$tool" --in-place "$c.c" >/dev/null 2>&1) || true
		check "$c: wiring the unwired file gives out.c again" \
			cmp -s "$w/$c.c" "$src/out.c"
	elif [ "$want" = 0 ]; then
		check "$c: --unwire gives in.c back byte for byte" \
			cmp -s "$w/$c.c" "$src/in.c"
	fi
done

# ------------------------------------------------------------ across files
# A hook defined in another file than the file_operations that name it
# (tests/port/cross): given all three files, mpc-port converts it there,
# renames its prototype in the header and wires it where it is named; given
# the user alone, it leaves it and names the file to add.
x=$work/cross
mkdir -p "$x"
cp "$here"/cross/in/* "$x/"
rc=0
(cd "$x" && "$tool" --in-place --report report.jsonl cross_user.c cross_impl.c \
	cross_impl.h >/dev/null 2>&1) || rc=$?
check "across files: exit status 0" test "$rc" = 0
for f in cross_user.c cross_impl.c cross_impl.h; do
	check "across files: $f as expected" cmp -s "$x/$f" "$here/cross/out/$f"
done
check "across files: report as expected" cmp -s "$x/report.jsonl" "$here/cross/report.jsonl"
(cd "$x" && "$tool" --in-place cross_user.c cross_impl.c cross_impl.h >/dev/null 2>&1) || true
check "across files: a second run changes nothing" \
	diff -r -x report.jsonl "$x" "$here/cross/out"
cp "$here"/cross/in/* "$x/"
rc=0
(cd "$x" && "$tool" cross_user.c > user.diff 2> user.err) || rc=$?
check "across files: the user alone is left (exit status 1), naming the file to add" \
	bash -c "[ $rc = 1 ] && [ ! -s '$x/user.diff' ] && grep -q 'cross_mmap() is defined in cross_impl.c (declared in cross_impl.h), not in this file: give mpc-port cross_impl.c too' '$x/user.err'"

# ------------------------------------------------------------ example driver
# Its legacy baseline device (mpc_legacy_mmap()) allocates per-mapping state
# and installs mpc_vm_ops, which already has the ->mapped hook mpc_mapped()
# doing that work for the converted devices: left, and the reason says so.
e=$work/example
mkdir -p "$e"
cp "$repo/src/example/hooks.c" "$repo/src/example/mpc_example.h" "$e/"
rc=0
(cd "$e" && "$tool" --report report.jsonl hooks.c > hooks.diff 2>/dev/null) || rc=$?
check "example driver: the legacy device is left, the reason naming mpc_vm_ops' mpc_mapped()" \
	bash -c "[ $rc = 1 ] && [ ! -s '$e/hooks.diff' ] && [ \$(wc -l < '$e/report.jsonl') = 1 ] &&
		grep -q '\"function\": \"mpc_legacy_mmap\".*its vm_ops mpc_vm_ops already has one (mpc_mapped())' '$e/report.jsonl'"

# ------------------------------------------------------------ bad input
b=$work/bad
mkdir -p "$b"
cp "$here/cases/remap_full/in.c" "$b/good.c"
cp "$b/good.c" "$b/good.orig"
unchanged() { cmp -s "$b/good.c" "$b/good.orig"; }

printf 'int x;\n' > "$b/notc.txt"
expect_rc 2 "bad input: a file that is not C" "$tool" "$b/notc.txt"
printf 'static int f(void)\n{\n\treturn 0;\n' > "$b/open.c"
expect_rc 2 "bad input: unbalanced braces" "$tool" "$b/open.c"
printf 'int x; /* no end\n' > "$b/comment.c"
expect_rc 2 "bad input: unterminated comment" "$tool" "$b/comment.c"
printf 'int\0x;\n' > "$b/binary.c"
expect_rc 2 "bad input: binary data" "$tool" "$b/binary.c"
expect_rc 2 "bad input: a missing file" "$tool" "$b/missing.c"
expect_rc 2 "bad input: an unknown option" "$tool" --frobnicate "$b/good.c"
expect_rc 2 "bad input: no file" "$tool"
expect_rc 2 "bad input: spatch missing" \
	env MPC_PORT_SPATCH=/nonexistent/spatch "$tool" --in-place "$b/good.c"
check "bad input: spatch missing: the file is unchanged" unchanged
expect_rc 2 "bad input: spatch fails" \
	env MPC_PORT_SPATCH=false "$tool" --in-place "$b/good.c"
check "bad input: spatch fails: the file is unchanged" unchanged
expect_rc 2 "bad input: one bad file among good ones" \
	"$tool" --in-place "$b/good.c" "$b/open.c"
check "bad input: one bad file: the good one is unchanged" unchanged
check "bad input: no temporary file left behind" \
	bash -c "! ls -A '$b' | grep -q '^\\.mpc-port'"
expect_rc 2 "bad input: the report file cannot be written" \
	"$tool" --report /nonexistent/dir/r.jsonl "$b/good.c"
out=$("$tool" "$b/open.c" 2>&1 || true)
check "bad input: the message names the file and the problem" \
	grep -q "open.c: parse failure: unbalanced {" <<< "$out"

tap_done
