#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The structure tests of the CI workflows (.github/workflows/), the suite
# "workflows" of scripts/test-all:
#   - actionlint passes on every workflow (and does catch a broken one);
#   - every run: step refers to a script of the tree that exists;
#   - the job matrix tests/matrix/ci-matrix.sh generates is exactly the
#     series of tests/matrix/kernels.conf and the shapes of
#     tests/matrix/derived.conf, also with a kernel added to a temporary
#     kernels.conf (and a matrix generated before the addition fails);
#   - ci.yml takes its matrix from the generator, runs the local scripts
#     per series (tests/port/guest.sh and tests/thirdparty/guest.sh too, on
#     each real amd64 series), caches
#     chroots under the generated keys, and assembles the table;
#     newest-kernel.yml is weekly and on demand;
#   - tests/matrix/table.sh assembles rows and compares tables as the
#     table job needs; tests/matrix/newest.sh's failure message names the
#     first probe or symbol that changed;
#   - shellcheck on the scripts the workflows run (when installed).
# Prints TAP lines and "N passed, N failed" (tests/lib/tap.sh).
# shellcheck disable=SC2016 # the regexes match literal "$NAME"s
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$REPO/tests/lib/tap.sh"
WF=$REPO/.github/workflows
GEN=$REPO/tests/matrix/ci-matrix.sh
CONF=$REPO/tests/matrix/kernels.conf
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpc-workflows.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------ actionlint
tap_check "actionlint: ci.yml and newest-kernel.yml" \
	bash "$HERE/actionlint.sh" "$WF/ci.yml" "$WF/newest-kernel.yml"
cat >"$tmp/broken.yml" <<'EOT'
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: bash scripts/test-all ${{ matrix.nosuch }}
EOT
if bash "$HERE/actionlint.sh" "$tmp/broken.yml" >"$tmp/broken.out" 2>&1; then
	tap_fail "actionlint catches an undefined matrix property" "$(cat "$tmp/broken.out")"
elif grep -q 'nosuch' "$tmp/broken.out"; then
	tap_ok "actionlint catches an undefined matrix property"
else
	tap_fail "actionlint catches an undefined matrix property" "$(cat "$tmp/broken.out")"
fi

# ------------------------------------------------------------ run: steps
tap_check "every run: step refers to a script of the tree that exists" \
	python3 "$HERE/check.py" runs "$REPO" "$WF"/*.yml
cat >"$tmp/norefs.yml" <<'EOT'
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: bash tests/matrix/no-such-script.sh
      - run: sudo apt-get install -y foo
EOT
python3 "$HERE/check.py" runs "$REPO" "$tmp/norefs.yml" >"$tmp/norefs.out" 2>&1
if grep -q 'no-such-script.sh does not exist' "$tmp/norefs.out" &&
   grep -q 'refers to no script' "$tmp/norefs.out"; then
	tap_ok "a missing script and a step without one are reported"
else
	tap_fail "a missing script and a step without one are reported" "$(cat "$tmp/norefs.out")"
fi

# ------------------------------------------------------------ the matrix
# conf_series CONF: the series of a kernels.conf, read here independently
# of the generator (first column of every entry, any number of columns).
conf_series() {
	sed -e 's/#.*//' "$1" | awk 'NF { print $1 }'
	sed -e 's/#.*//' "$REPO/tests/matrix/derived.conf" | awk 'NF { print $1 }'
}
# gen_series JSON: the series of a generated matrix
gen_series() {
	python3 -c 'import json, sys
for e in json.load(open(sys.argv[1]))["include"]:
    print(e["series"])' "$1"
}
# same_series CONF JSON: the matrix has every series of CONF, once, and
# nothing else; prints what differs.
same_series() {
	local d
	d=$(diff <(conf_series "$1" | sort) <(gen_series "$2" | sort) |
		sed -n 's/^< /missing from the matrix: /p; s/^> /not in kernels.conf: /p')
	[ -z "$d" ] || { printf '%s\n' "$d"; return 1; }
}

"$GEN" >"$tmp/matrix.json"
tap_check "ci-matrix.sh: the jobs are the series of kernels.conf and derived.conf" \
	same_series "$CONF" "$tmp/matrix.json"
tap_check "ci-matrix.sh: the same list as tests/matrix/run.sh --list" \
	diff <(bash "$REPO/tests/matrix/run.sh" --list | cut -d' ' -f2) \
	     <(gen_series "$tmp/matrix.json")

if out=$(bash "$REPO/tests/matrix/run.sh" --series no-such-series 2>&1); then
	tap_fail "run.sh --series refuses an unknown series" "$out"
else
	tap_check "run.sh --series refuses an unknown series, naming the known ones" \
		grep -qE "unknown kernel 'no-such-series' \(real: .*7\.3.*derived: .*6\.16" <<<"$out"
fi

# A kernel added to a temporary kernels.conf, with one column more (an
# architecture, as a later line may have).
{
	cat "$CONF"
	echo "7.9    sid,experimental   gcc-16  7.9.1+deb14-amd64  7.9.1-1  -  native  amd64"
} >"$tmp/kernels.conf"
MPC_KERNELS_CONF=$tmp/kernels.conf "$GEN" >"$tmp/matrix-new.json"
tap_check "a kernel added to kernels.conf gets its job (extra column tolerated)" \
	same_series "$tmp/kernels.conf" "$tmp/matrix-new.json"
if out=$(same_series "$tmp/kernels.conf" "$tmp/matrix.json"); then
	tap_fail "a matrix that misses the added kernel fails the check"
elif [ "$out" = "missing from the matrix: 7.9" ]; then
	tap_ok "a matrix that misses the added kernel fails the check"
	tap_note "$out"
else
	tap_fail "a matrix that misses the added kernel fails the check" "$out"
fi
keys_old=$("$GEN" --keys)
keys_new=$(MPC_KERNELS_CONF=$tmp/kernels.conf "$GEN" --keys)
sed 's/^6\.1 .*/6.1 bookworm gcc-12 6.1.0-99-amd64 6.1.999-1 - compat/' \
	"$CONF" >"$tmp/bumped.conf"
keys_bumped=$(MPC_KERNELS_CONF=$tmp/bumped.conf "$GEN" --keys)
key_of() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
if [ "$(key_of "$keys_old" 5.10)" = "$(key_of "$keys_bumped" 5.10)" ] &&
   [ "$(key_of "$keys_old" 6.1)" != "$(key_of "$keys_bumped" 6.1)" ] &&
   [ "$(key_of "$keys_new" 7.3)" = "$(key_of "$keys_old" 7.3)" ] &&
   [ -n "$(key_of "$keys_new" 7.9)" ]; then
	tap_ok "cache keys: a changed kernels.conf line changes its key only"
else
	tap_fail "cache keys: a changed kernels.conf line changes its key only" \
		"$keys_old"$'\n'"$keys_bumped"
fi
python3 - "$tmp/matrix.json" >"$tmp/derived.out" <<'EOT'
import json, sys
for e in json.load(open(sys.argv[1]))["include"]:
    if e["kind"] == "derived" and e["chroot"] != "7.3":
        print(e)
    if any(c in e["id"] for c in '":<>|*?\\/'):
        print("bad artifact id", e)
EOT
tap_check "derived jobs build in (and cache) the 7.3 chroot; ids are artifact names" \
	test ! -s "$tmp/derived.out"

# ------------------------------------------------------------ ci.yml
python3 "$HERE/check.py" jobs "$WF/ci.yml" >"$tmp/ci.jobs"
python3 "$HERE/check.py" jobs "$WF/newest-kernel.yml" >"$tmp/newest.jobs"
has() { # FILE REGEX...: every REGEX matches a line of FILE
	local f=$1 r
	shift
	for r in "$@"; do
		grep -qE -- "$r" "$f" || { echo "no line matches: $r"; return 1; }
	done
}
tap_check "ci.yml: on push and pull_request" \
	has "$tmp/ci.jobs" '^on	push' '^on	pull_request'
tap_check "ci.yml: the setup job emits the generated matrices" \
	has "$tmp/ci.jobs" '^setup	run	bash tests/matrix/ci-matrix.sh --github >>"\$GITHUB_OUTPUT"' \
	'^setup	output	matrix=' '^setup	output	kunit=' '^setup	output	keys='
tap_check "ci.yml: one matrix job per generated entry, running run.sh --series" \
	has "$tmp/ci.jobs" '^matrix	matrix	"\$\{\{ fromJSON\(needs.setup.outputs.matrix\) \}\}"$' \
	'^matrix	run	bash tests/matrix/run.sh --series "\$SERIES" --out out$'
tap_check "ci.yml: each real series' matrix job, arm64 ones too, runs port-guest on that series" \
	has "$tmp/ci.jobs" '^matrix	env	MPC_PORT_GUEST_SERIES=\$\{\{ matrix.series \}\}$' \
	"^matrix	step-if	matrix.kind == 'real'	bash tests/port/guest.sh\$"
tap_check "ci.yml: each real series' matrix job, arm64 ones too, runs port-build and probe-trees on that series" \
	has "$tmp/ci.jobs" '^matrix	env	MPC_PORT_SERIES=\$\{\{ matrix.series \}\}$' \
	"^matrix	step-if	matrix.kind == 'real'	bash tests/port/build.sh\$" \
	"^matrix	step-if	matrix.kind == 'real'	bash tests/probe/fastpath.sh --series \"\\\$SERIES\"\$"
tap_check "ci.yml: each real amd64 series' matrix job runs the non-GPL guest check on that series" \
	has "$tmp/ci.jobs" '^matrix	env	MPC_THIRDPARTY_GUEST_SERIES=\$\{\{ matrix.series \}\}$' \
	"^matrix	step-if	matrix.kind == 'real' && !endsWith\(matrix.series, '-arm64'\)	bash tests/thirdparty/guest.sh\$"
tap_check "ci.yml: chroots cached under the generated key" \
	has "$tmp/ci.jobs" '^matrix	cache-key	\$\{\{ matrix.key \}\}$' \
	'^matrix	cache-path	"/var/cache/mmap-prepare-compat/chroots/\$\{\{ matrix.chroot \}\}"'
tap_check "ci.yml: matrix jobs upload their logs and rows; the table job checks the table" \
	has "$tmp/ci.jobs" '^matrix	upload	matrix-\$\{\{ matrix.id \}\}	"out/' \
	'^table	needs	matrix' '^table	run	bash tests/matrix/table.sh --check out$'
tap_check "ci.yml: KUnit per generated target, DKMS and packages jobs" \
	has "$tmp/ci.jobs" '^kunit	matrix	"\$\{\{ fromJSON\(needs.setup.outputs.kunit\) \}\}"$' \
	'^kunit	run	bash tests/kunit/run.sh "\$TARGET"$' '^kunit	cache-key	kunit-' \
	'^dkms	run	bash scripts/test-all$' '^packages	run	bash scripts/test-all$'
tap_check "ci.yml: the fast tier and the third-party build on the runner's headers" \
	has "$tmp/ci.jobs" '^fast	matrix	.*"build".*"unit".*"lint"' \
	'^thirdparty	run	sudo bash tests/thirdparty/run.sh --host-only$'
# every scripts/test-all suite a job names exists there
known=$(sed -n 's/^\t\([a-z-]*\)) suite .*/\1/p' "$REPO/scripts/test-all" | sort -u)
named=$( { python3 -c 'import json, sys
for l in open(sys.argv[1]):
    j, k, v = l.rstrip("\n").split("\t", 2)
    if j == "fast" and k == "matrix":
        print("\n".join(json.loads(v)["suite"]))' "$tmp/ci.jobs"
	sed -n 's/^[a-z-]*\tenv\tMPC_SUITES=\([a-z -]*\)$/\1/p' "$tmp/ci.jobs" | tr ' ' '\n'
	} | sort -u)
unknown=$(comm -13 <(printf '%s\n' "$known") <(printf '%s\n' "$named"))
if [ -n "$named" ] && [ -z "$unknown" ]; then
	tap_ok "ci.yml: every scripts/test-all suite it names exists ($(xargs <<<"$named"))"
else
	tap_fail "ci.yml: every scripts/test-all suite it names exists" "unknown: ${unknown:-none named}"
fi
# every suite of scripts/test-all's default list runs in some job: named
# (the fast tier's matrix, MPC_SUITES) or its script run by a step (ci.yml,
# or newest-kernel.yml for "newest"); bench is a report
defaults=$(sed -n 's/.*MPC_SUITES:-\${SUITES:-\([a-z -]*\)}}.*/\1/p' "$REPO/scripts/test-all")
unrun=
for s in $defaults; do
	[ "$s" != bench ] || continue
	grep -qx -- "$s" <<<"$named" && continue
	script=$(sed -n "s|^\t$s) suite $s bash \"\\\$top/\([^\"]*\)\".*|\1|p" "$REPO/scripts/test-all")
	if [ -z "$script" ]; then # a function: its body names the script
		fn=$(sed -n "s|^\t$s) suite $s \([a-z_]*\) ;;|\1|p" "$REPO/scripts/test-all")
		script=$(sed -n "s|^$fn() {.*bash \"\\\$top/\([^\"]*\)\".*|\1|p" "$REPO/scripts/test-all")
	fi
	{ [ -n "$script" ] && grep -qF "bash $script" "$tmp/ci.jobs" "$tmp/newest.jobs"; } ||
		unrun="$unrun $s"
done
if [ -n "$defaults" ] && [ -z "$unrun" ]; then
	tap_ok "ci.yml: every default suite of scripts/test-all runs in some job"
else
	tap_fail "ci.yml: every default suite of scripts/test-all runs in some job" \
		"not run:${unrun:- (no default list found)}"
fi
# the first-contact suites (scripts/setup, configure's messages) run too
missing=$(comm -23 <(printf '%s\n' configure setup) <(printf '%s\n' "$named"))
if [ -z "$missing" ]; then
	tap_ok "ci.yml: the setup and configure suites run in some job"
else
	tap_fail "ci.yml: the setup and configure suites run in some job" "missing: $(xargs <<<"$missing")"
fi
if grep -E '^(matrix|kunit)	matrix	' "$tmp/ci.jobs" | grep -qE '"[0-9]+\.[0-9]+'; then
	tap_fail "ci.yml names no kernel series itself" "$(grep -E '	matrix	' "$tmp/ci.jobs")"
else
	tap_ok "ci.yml names no kernel series itself"
fi
# The packages job caches every chroot tests/packages/chroot.sh uses by
# default (its full and smoke series, and the kernel upgrade's series with
# the headers packages it installs from $MPC_CACHE/debs), under the
# generated keys.
pk=$REPO/tests/packages/chroot.sh
pseries=$( { sed -n 's/.*\${MPC_PACKAGES_\(FULL\|SMOKE\)-\([0-9. ]*\)}.*/\2/p' "$pk"
	sed -n 's/^\t[0-9.]*) echo \([0-9.]*\) ;;.*/\1/p' "$pk"; } | tr ' ' '\n' | sed '/^$/d' | sort -u)
upg=$(sed -n 's/^\t[0-9.]*) echo \([0-9.]*\) ;;.*/\1/p' "$pk")
pmiss=
for p in $pseries; do
	grep -qE "^packages	cache-key	([a-z-]+-)?\\\$\{\{ fromJSON\(needs.setup.outputs.keys\)\['${p//./\\.}'\] \}\}$" "$tmp/ci.jobs" &&
		grep '^packages	cache-path	' "$tmp/ci.jobs" | grep -qF "/var/cache/mmap-prepare-compat/chroots/$p\\n" ||
		grep -qxF "packages	cache-path	\"/var/cache/mmap-prepare-compat/chroots/$p\"" "$tmp/ci.jobs" ||
		pmiss="$pmiss $p"
done
for u in $upg; do
	grep -E "^packages	cache-path	.*chroots/${u//./\\.}\\\\n.*debs/linux-headers-\*\.deb" "$tmp/ci.jobs" |
		grep -q 'debs/linux-kbuild-' || pmiss="$pmiss $u(headers-debs)"
done
if [ -n "$pseries" ] && [ -n "$upg" ] && [ -z "$pmiss" ]; then
	tap_ok "ci.yml: the packages job caches its chroots ($(xargs <<<"$pseries")) and the upgrade's headers packages"
else
	tap_fail "ci.yml: the packages job caches its chroots and the upgrade's headers packages" \
		"series: $(xargs <<<"$pseries"); upgrade: $upg; not cached:${pmiss:- (no series found)}"
fi
tap_check "newest-kernel.yml: weekly and on demand, runs tests/matrix/newest.sh" \
	has "$tmp/newest.jobs" '^on	schedule	\[\{"cron": "[0-9]+ [0-9]+ \* \* [0-6]"\}\]' \
	'^on	workflow_dispatch' '^newest	run	bash tests/matrix/newest.sh'

# ------------------------------------------------------------ table.sh
# Two rows as two CI jobs leave them, assembled and compared.
T=$tmp/out
mkdir -p "$T/5.10" "$T/6.16"
printf 'PASS\t5.10: build modules without warnings\nPASS\t5.10: mpc_remap: x\n' >"$T/5.10/results.tsv"
echo '# mpc_example path: compat' >"$T/5.10/ktap.log"
echo 'linux-image-5.10.0-46-amd64 5.10.262-1' >"$T/5.10/manifest"
printf 'PASS\t6.16 (DERIVED from 7.3 headers): build src without warnings\n' >"$T/6.16/results.tsv"
echo '7.3.4+deb13-amd64 headers (7.3.4-1~bpo13+1), mmap_prepare API reshaped to 6.16' >"$T/6.16/shape"
for k in 5.10 6.16; do
	bash "$REPO/tests/matrix/table.sh" --row "$T" "$k" >"$T/$k/table-row"
done
KERNELS=x bash "$REPO/tests/matrix/table.sh" "$T" >/dev/null
cp "$T/compat-table.rst" "$tmp/committed.rst"
tap_check "table.sh: the table names each row's packages and date" \
	has "$tmp/committed.rst" '^- 5.10: linux-image-5.10.0-46-amd64 5.10.262-1 \([0-9]{4}-[0-9]{2}-[0-9]{2}\)$' \
	'^- 6.16 \(derived\): linux-headers-7.3.4\+deb13-amd64 7.3.4-1~bpo13\+1 \('
sed -i 's/^date: .*/date: 1999-01-01/' "$T/5.10/table-row"
tap_check "table.sh --check: the same rows on another day match" \
	env MPC_TABLE_COMMITTED="$tmp/committed.rst" bash "$REPO/tests/matrix/table.sh" --check "$T"
sed -i 's/^cells: 5.10|compat|pass|-|emulated/cells: 5.10|compat|pass|-|fail/' "$T/5.10/table-row"
if MPC_TABLE_COMMITTED=$tmp/committed.rst bash "$REPO/tests/matrix/table.sh" --check "$T" \
	>"$tmp/check.out" 2>&1; then
	tap_fail "table.sh --check: a changed cell fails" "$(cat "$tmp/check.out")"
else
	tap_check "table.sh --check: a changed cell fails, showing it" \
		has "$tmp/check.out" '^\+     - fail$'
fi

# ------------------------------------------------------------ newest.sh
# What newest-kernel.yml's failure says: the first probe or symbol that
# changed, from the probe runner's and the compiler's own messages.
explain() ( # FUNCTION LOG
	export MPC_NEWEST_LIB=1
	# shellcheck source=/dev/null # (its exit would look like one here)
	. "$REPO/tests/matrix/newest.sh"
	"$1" "$2"
)
cat >"$tmp/probe.log" <<'EOT'
probe-kernel.sh: error: kernel 7.9.1+deb14-amd64 has an mmap_prepare API combination that matches no known kernel state (config/api-states.tsv). Nearest: 7.2 and later; present beyond it: none; missing from it: mmap_action_error_override vm_ops_mapped. MMAP_PREPARE_COMPAT_STRICT=1 refuses it; without it this kernel gets the compat path with a warning
EOT
tap_check "newest.sh names the first probe that changed (one gone)" \
	test "$(explain first_change "$tmp/probe.log")" = \
	"probe mmap_action_error_override fails (nearest known state: 7.2 and later)"
sed -i 's/present beyond it: none; missing from it: [^.]*\./present beyond it: vma_desc_new_thing; missing from it: none./' "$tmp/probe.log"
tap_check "newest.sh names the first probe that changed (one new)" \
	test "$(explain first_change "$tmp/probe.log")" = \
	"probe vma_desc_new_thing passes beyond the nearest known state 7.2 and later"
printf '%s\n' "  CC [M]  src/example/hooks.o" \
	"src/example/hooks.c:40:9: error: ‘struct vm_area_desc’ has no member named ‘action’" \
	"src/example/hooks.c:41:9: error: implicit declaration of function ‘g’" >"$tmp/build.log"
tap_check "newest.sh names the symbol of the first build error" \
	test "$(explain first_symbol "$tmp/build.log" | cut -d: -f1)" = "symbol action"
echo 'ERROR: modpost: "mmap_action_remap" [src/mpc_example.ko] undefined!' >"$tmp/modpost.log"
tap_check "newest.sh names the symbol of a modpost error" \
	test "$(explain first_symbol "$tmp/modpost.log" | cut -d: -f1)" = "symbol mmap_action_remap"

# ------------------------------------------------------------ shellcheck
scripts=("$REPO"/tests/matrix/{run,table,boot,ci-matrix,newest}.sh
	 "$REPO"/tests/workflows/*.sh "$REPO"/tests/ci/*.sh)
if command -v shellcheck >/dev/null; then
	tap_check "shellcheck: the scripts the workflows run" shellcheck -x "${scripts[@]}"
else
	tap_note "shellcheck not installed: skipped"
fi

tap_done
