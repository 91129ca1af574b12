#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Inside a release chroot (an overlay, see chroot.sh), as root: the life of
# mmap-prepare-compat-dkms and acme-dkms. Prints ok / not ok lines.
#
#   cases.sh SERIES full|smoke DEBDIR KREL
#     DEBDIR: mmap-prepare-compat-dkms_V_all.deb, acme-dkms_*_all.deb,
#             mmap-prepare-compat-dkms_V'_all.deb (bumped, full), upgrade/
#             (a further kernel's headers packages, full, optional)
#     KREL:   the series's own kernel (the one tests/packages/guest.sh
#             boots); full: its module as installed and the example driver
#             built against the installed kit are left in DEBDIR/guest/
set -uo pipefail

s=$1 mode=$2 debs=$3 krel=$4
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
name=mmap-prepare-compat
export DEBIAN_FRONTEND=noninteractive
n=0
ok() { n=$((n + 1)); echo "ok $n - $s: $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $s: $1"; [ -z "${2:-}" ] || sed 's/^/# /' "$2" | tail -n 25; }
check() { # what command...
	local what=$1
	shift
	if "$@" > /tmp/check.log 2>&1; then ok "$what"; else nok "$what" /tmp/check.log; fi
}

mapfile -t ours < <(find "$debs" -maxdepth 1 -name "$name-dkms_*_all.deb" | sort -V)
deb=${ours[0]}
bumped=${ours[1]:-}
acme=$(find "$debs" -maxdepth 1 -name 'acme-dkms_*_all.deb' | head -n 1)
ver=$(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')

kernels() { # the kernels with headers
	local b
	for b in /lib/modules/*/build; do
		[ -f "$b/Makefile" ] && basename "$(dirname "$b")"
	done
}
# snapshot: what the packages may touch (depmod's indexes and dkms's own
# signing key are machine state)
snapshot() {
	find /var/lib/dkms /lib/modules /usr/src /usr/share /var/cache/mmap-prepare-compat \
		/var/log/mmap-prepare-compat -xdev 2>/dev/null |
		grep -v -e '/modules\.[a-z.]*$' -e '^/var/lib/dkms/mok\.\(key\|pub\)$' | sort
}
apt_install() { apt-get install -y -q --no-install-recommends "$@" < /dev/null; }
# the installed file (the chroots have no modules.dep: modinfo by path)
ko() { # kernel module-name
	find "/lib/modules/$1/updates" -name "$2.ko*" 2>/dev/null | head -n 1
}
has_module() { # kernel module-name
	[ -n "$(ko "$1" "$2")" ] && modinfo "$(ko "$1" "$2")" > /dev/null
}
each_kernel_has() { # module
	local k
	for k in $(kernels); do
		has_module "$k" "$1" || { echo "no $1 for $k"; return 1; }
	done
}

echo "# $s ($mode): dkms $(dpkg-query -W -f '${Version}' dkms), kernels: $(kernels | xargs)"
snapshot > /tmp/before
t0=$SECONDS

# --- install with apt, DKMS builds for every kernel with headers
if apt_install "$deb" > /tmp/install.log 2>&1; then ok "apt install ./$(basename "$deb")"; else nok "apt install ./$(basename "$deb")" /tmp/install.log; fi
echo "# install: $((SECONDS - t0)) s"
check "DKMS installed mmap_prepare_compat.ko for every kernel ($(kernels | xargs))" each_kernel_has mmap_prepare_compat
# shellcheck disable=SC2016  # expanded by the inner bash
check "modinfo version is the package's ($ver) for every kernel" bash -c '
	for k in $(ls /lib/modules); do
		[ -f /lib/modules/$k/build/Makefile ] || continue
		f=$(find /lib/modules/$k/updates -name "mmap_prepare_compat.ko*" | head -n 1)
		[ "$(modinfo -F version "$f")" = "$1" ] || { echo "$k: $(modinfo -F version "$f")"; exit 1; }
	done' sh "$ver"
k1=$(kernels | head -n 1)
check "modinfo shows the vermagic of $k1" \
	bash -c "modinfo '$(ko "$k1" mmap_prepare_compat)' | grep -q '^vermagic: *$k1 '"
# make.log: in build/ (dkms 2.8, 3.0), in KERNEL/ARCH/log/ (dkms 3.1+)
check "the probe summary is in the DKMS build log" bash -c \
	"find /var/lib/dkms/$name/$ver -name make.log | xargs grep -lE 'native|emulated' | grep -q ."
check "the kit link resolves to the DKMS tree" \
	test "$(readlink -f /usr/share/$name/kit)" = "/usr/src/$name-$ver"

# --- acme-dkms: BUILD_DEPENDS, shared mode, for every kernel
t1=$SECONDS
if apt_install "$acme" > /tmp/acme.log 2>&1; then ok "apt install ./$(basename "$acme")"; else nok "apt install ./$(basename "$acme")" /tmp/acme.log; fi
echo "# acme: $((SECONDS - t1)) s"
check "DKMS installed acme_mmap.ko for every kernel" each_kernel_has acme_mmap
# shellcheck disable=SC2016  # expanded by the inner bash
check "acme_mmap.ko links against the shared module on a compat kernel, not on a native one" bash -c '
	for k in $(ls /lib/modules); do
		[ -f /lib/modules/$k/build/Makefile ] || continue
		cfg=$(ls /var/lib/dkms/mmap-prepare-compat/*/$k/*/mmap_prepare_compat_config.h)
		dep=$(modinfo -F depends $(find /lib/modules/$k/updates -name "acme_mmap.ko*"))
		if grep -q "MMAP_PREPARE_COMPAT_NATIVE 1" $cfg; then [ -z "$dep" ]; else [ "$dep" = mmap_prepare_compat ]; fi || exit 1
	done'

# --- for the guest boot (tests/packages/guest.sh, after this script): the
# module of the booted kernel as the package installed it, and the example
# driver built in shared mode against the installed kit (so it links
# against the package's module and its Module.symvers in DKMS's tree)
if [ "$mode" = full ]; then
	mkdir -p "$debs/guest"
	f=$(ko "$krel" mmap_prepare_compat)
	if [ -n "$f" ] && cp "$f" "$debs/guest/"; then
		printf 'path=%s\nsha256=%s\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)" > "$debs/guest/installed"
		ok "the module the package installed for $krel ($f) is kept for the guest"
	else
		nok "the module the package installed for $krel is kept for the guest"
	fi
	ex=/tmp/mpc-example
	mkdir -p "$ex"
	cp "$repo"/src/example/{main,hooks,debugfs,merge,teardown,stacked}.c "$repo/src/example/mpc_example.h" "$ex/"
	cat > "$ex/Kbuild" <<'EOT'
MMAP_PREPARE_COMPAT_DIR := /usr/share/mmap-prepare-compat/kit
include $(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk
obj-m += mpc_example.o
mpc_example-y := main.o hooks.o debugfs.o merge.o teardown.o stacked.o
EOT
	check "the example driver builds in shared mode against the installed kit ($krel)" \
		bash -c "make -C /lib/modules/$krel/build M=$ex modules && cp $ex/mpc_example.ko '$debs/guest/'"
fi

# --- removal of ours while acme-dkms needs it
if dpkg -r "$name-dkms" > /tmp/remove.log 2>&1; then
	nok "dpkg -r $name-dkms is refused while acme-dkms depends on it" /tmp/remove.log
else
	# dpkg marks the selection "deinstall" before it refuses
	check "dpkg -r $name-dkms is refused while acme-dkms depends on it (both stay installed)" \
		bash -c "dpkg -s $name-dkms acme-dkms | grep -c '^Status: [a-z]* ok installed' | grep -qx 2"
	echo "$name-dkms install" | dpkg --set-selections
fi
check "apt-get remove $name-dkms would take acme-dkms with it, not leave it broken" \
	bash -c "apt-get -s remove $name-dkms | grep -q '^Remv acme-dkms'"

# --- kernel upgrade: DKMS's own hook builds both for the new kernel
if [ -d "$debs/upgrade" ]; then
	t1=$SECONDS
	before=$(kernels | xargs)
	if dpkg -i "$debs"/upgrade/*.deb > /tmp/upgrade.log 2>&1; then
		newk=$(kernels | grep -vxF -f <(tr ' ' '\n' <<< "$before") | head -n 1)
		ok "kernel upgrade: headers of ${newk:-?} installed"
		check "DKMS's hook built mmap_prepare_compat.ko for $newk" has_module "$newk" mmap_prepare_compat
		check "DKMS's hook built acme_mmap.ko for $newk (after it)" has_module "$newk" acme_mmap
	else
		nok "kernel upgrade: install the headers of the next kernel" /tmp/upgrade.log
	fi
	echo "# kernel upgrade: $((SECONDS - t1)) s"
fi

# --- purge of both leaves nothing
apt-get purge -y -q acme-dkms "$name-dkms" > /tmp/purge.log 2>&1 || nok "apt purge" /tmp/purge.log
snapshot > /tmp/after
# new paths that no installed package owns (the upgrade's headers are
# not ours)
diff /tmp/before /tmp/after | sed -n 's/^> //p' | grep -v -E '^/lib/modules/[^/]+(/build)?$' |
	xargs -r -d '\n' dpkg -S 2>&1 > /dev/null | sed -n 's/^dpkg-query: no path found matching pattern //p' > /tmp/left0
# merged /usr: a package owns /usr/lib/modules/..., seen as /lib/modules/...
grep '^/lib/' /tmp/left0 | sed 's|^|/usr|' | xargs -r -d '\n' dpkg -S 2>&1 > /dev/null |
	sed -n 's/^dpkg-query: no path found matching pattern \/usr//p' > /tmp/left1
{ grep -v '^/lib/' /tmp/left0; cat /tmp/left1; } > /tmp/left
if [ -s /tmp/left ]; then
	nok "apt purge leaves nothing in /var/lib/dkms, /lib/modules, /usr/src, /usr/share, the cache" /tmp/left
else
	ok "apt purge leaves nothing in /var/lib/dkms, /lib/modules, /usr/src, /usr/share, the cache"
fi
if [ "$mode" != full ]; then
	echo "# $s: $((SECONDS - t0)) s"
	exit 0
fi

# --- a kernel whose build fails: named with its log, the others installed,
# the package configured; a kernel outside the supported range (older than
# 5.10) next to them: skipped (DKMS exit 77, 9 on dkms 2.x) with its reason,
# never built, never a failure (a build would fail: its Makefile does)
bad=/lib/modules/6.6.6-broken old=/lib/modules/4.19.0-99-amd64
for d in "$bad" "$old"; do
	mkdir -p "$d/build/include/generated"
	printf 'all:\n\t@false\n' > "$d/build/Makefile"
	printf 'CONFIG_MMU=y\n' > "$d/build/.config"
done
if apt_install "$deb" > /tmp/reinstall.log 2>&1; then
	ok "install with a broken kernel next to the good ones: the package is configured"
else
	nok "install with a broken kernel next to the good ones: the package is configured" /tmp/reinstall.log
fi
check "the failure names the kernel and its log" \
	grep -q "DKMS build for kernel 6.6.6-broken FAILED.*/var/log/$name/" /tmp/reinstall.log
check "the other kernels have the module" bash -c "for k in \$(ls /lib/modules | grep -v -e broken -e 4.19.0-99); do
	[ -f /lib/modules/\$k/build/Makefile ] || continue
	find /lib/modules/\$k/updates -name 'mmap_prepare_compat.ko*' | grep -q . || exit 1; done"
check "dpkg: install ok installed" bash -c "dpkg -s $name-dkms | grep -q '^Status: install ok installed'"
check "the unsupported kernel 4.19.0-99-amd64 is skipped with its reason, not failed" \
	bash -c "grep -q '^$name: skipped 4.19.0-99-amd64: .*older than 5.10' /tmp/reinstall.log &&
		! grep -q 'kernel 4.19.0-99-amd64 FAILED' /tmp/reinstall.log"
# the kernel hook, as a kernel package's postinst runs it for a new kernel
if [ -x /etc/kernel/postinst.d/dkms ]; then
	check "DKMS's kernel hook for the unsupported kernel exits 0 (no failed kernel upgrade)" \
		/etc/kernel/postinst.d/dkms 4.19.0-99-amd64 /boot/vmlinuz-4.19.0-99-amd64
else
	nok "DKMS's kernel hook /etc/kernel/postinst.d/dkms is there"
fi
check "no module for the unsupported kernel" \
	bash -c "! find $old -name 'mmap_prepare_compat.ko*' | grep -q . && ! dkms status -m $name -k 4.19.0-99-amd64 | grep -q installed"
dkms remove -m "$name" -v "$ver" -k 6.6.6-broken > /dev/null 2>&1
rm -rf "$bad" "$old" "/var/log/$name"

# --- reinstall, then upgrade to a bumped version
check "apt reinstall" apt_install --reinstall "$deb"
check "reinstall: the module is still there for every kernel" each_kernel_has mmap_prepare_compat
if [ -n "$bumped" ]; then
	nver=$(dpkg-deb -f "$bumped" Version | sed 's/-[^-]*$//')
	check "upgrade to $nver" apt_install "$bumped"
	check "upgrade: the $ver DKMS tree and source are gone" \
		test ! -e "/var/lib/dkms/$name/$ver" -a ! -e "/usr/src/$name-$ver"
	check "upgrade: $nver installed for every kernel" \
		bash -c "each() { for k in \$(ls /lib/modules); do [ -f /lib/modules/\$k/build/Makefile ] || continue;
			dkms status -m $name -v $nver -k \$k | grep -q installed || exit 1; done; }; each"
	check "upgrade: the kit link follows" test "$(readlink -f /usr/share/$name/kit)" = "/usr/src/$name-$nver"
	check "upgrade: modinfo version is $nver" \
		test "$(modinfo -F version "$(ko "$(kernels | head -n 1)" mmap_prepare_compat)")" = "$nver"
	deb=$bumped ver=$nver
fi

# --- an install killed in the postinst recovers with dpkg --configure -a
apt-get purge -y -q "$name-dkms" > /dev/null 2>&1
apt-get install -y -q --no-install-recommends "$deb" > /tmp/killed.log 2>&1 < /dev/null &
# pids of this pid namespace (chroot.sh's) whose command line has $1, read
# by the shell itself (no procps in minbase; a grep would match itself)
pids_of() {
	local d c
	for d in /proc/[0-9]*; do
		case ${d#/proc/} in "$$"|1) continue ;; esac
		{ c=$(tr '\0' ' ' < "$d/cmdline"); } 2> /dev/null || continue
		case $c in *"$1"*) echo "${d#/proc/}" ;; esac
	done
}
for _ in $(seq 1 1200); do
	[ -n "$(pids_of "$name-dkms.postinst")" ] && break
	sleep 0.1
done
sleep 3
# kill -9 dpkg and everything the postinst started (apt runs dpkg in a
# session of its own), by pid
for p in $(pids_of apt-get) $(pids_of dpkg) $(pids_of postinst) $(pids_of dkms) $(pids_of make); do
	kill -9 "$p" 2>/dev/null
done
{ wait; } 2> /dev/null
if dpkg -s "$name-dkms" 2>/dev/null | grep -q '^Status: install ok installed'; then
	nok "the install was interrupted in its postinst (it finished first)"
else
	ok "the install was interrupted in its postinst ($(dpkg -s "$name-dkms" | sed -n 's/^Status: //p'))"
	check "dpkg --configure -a recovers" dpkg --configure -a
	check "after recovery: configured, the module for every kernel" \
		bash -c "dpkg -s $name-dkms | grep -q '^Status: install ok installed' && \
			for k in \$(ls /lib/modules); do [ -f /lib/modules/\$k/build/Makefile ] || continue;
			find /lib/modules/\$k/updates -name 'mmap_prepare_compat.ko*' | grep -q . || exit 1; done"
fi
apt-get purge -y -q "$name-dkms" > /dev/null 2>&1
echo "# $s: $((SECONDS - t0)) s"
