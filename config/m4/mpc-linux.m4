# SPDX-License-Identifier: GPL-2.0
#
# MPC_LINUX: find a prepared kernel build tree.
#   --with-linux=DIR      kernel source (or headers) tree
#   --with-linux-obj=DIR  kernel build (object) tree, default: same as source
# Default: /lib/modules/$(uname -r)/build, else the newest /lib/modules/*/build.
# Substitutes LINUX, LINUX_OBJ, LINUX_RELEASE.
AC_DEFUN([MPC_LINUX], [
	AC_ARG_WITH([linux],
		[AS_HELP_STRING([--with-linux=DIR], [kernel source or headers tree (default: running kernel's, else newest /lib/modules/*/build)])],
		[mpc_linux=$withval], [mpc_linux=])
	AC_ARG_WITH([linux-obj],
		[AS_HELP_STRING([--with-linux-obj=DIR], [kernel build tree (default: same as --with-linux)])],
		[mpc_linux_obj=$withval], [mpc_linux_obj=])

	dnl --with-linux and --with-linux-obj without a value mean the default;
	dnl "no" (--without-...) cannot build a kernel module.
	AS_CASE([$mpc_linux], [yes], [mpc_linux=])
	AS_CASE([$mpc_linux_obj], [yes], [mpc_linux_obj=])
	mpc_no=
	AS_IF([test "$mpc_linux" = no], [mpc_no=--without-linux],
	      [test "$mpc_linux_obj" = no], [mpc_no=--without-linux-obj])
	AS_IF([test -n "$mpc_no"], [
		AC_MSG_ERROR([$mpc_no: mmap-prepare-compat builds a kernel module and needs a kernel build tree; leave the option out (the running kernel's headers, else the newest /lib/modules/*/build) or give --with-linux=DIR])
	])

	AC_MSG_CHECKING([for the kernel build tree])
	mpc_uname_r=`uname -r`
	AS_IF([test -n "$mpc_linux"], [
		AS_IF([test ! -d "$mpc_linux"], [
			AC_MSG_RESULT([none])
			AC_MSG_ERROR([--with-linux=$mpc_linux: no such directory])
		])
	], [test -d "/lib/modules/$mpc_uname_r/build"], [
		mpc_linux="/lib/modules/$mpc_uname_r/build"
	], [
		mpc_linux=`ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1`
	])
	AS_IF([test -z "$mpc_linux" || test ! -d "$mpc_linux"], [
		AC_MSG_RESULT([none])
		AC_MSG_ERROR([no kernel headers found for $mpc_uname_r (nor any in /lib/modules/*/build).
Install them: linux-headers-$mpc_uname_r (Debian/Ubuntu: apt-get install linux-headers-$mpc_uname_r, or linux-headers-amd64), kernel-devel-$mpc_uname_r (Fedora/RHEL: dnf install kernel-devel), kernel-default-devel (SUSE),
or pass --with-linux=DIR])
	])
	mpc_linux=`cd "$mpc_linux" && pwd -P`
	AS_IF([test -z "$mpc_linux_obj"], [mpc_linux_obj=$mpc_linux])
	AS_IF([test ! -d "$mpc_linux_obj"], [
		AC_MSG_RESULT([none])
		AC_MSG_ERROR([--with-linux-obj=$mpc_linux_obj: no such directory])
	])
	mpc_linux_obj=`cd "$mpc_linux_obj" && pwd -P`
	AC_MSG_RESULT([$mpc_linux_obj])

	AC_MSG_CHECKING([whether $mpc_linux_obj is prepared for external modules])
	AS_IF([test -f "$mpc_linux_obj/include/generated/autoconf.h" &&
	       { test -f "$mpc_linux_obj/.config" || test -f "$mpc_linux_obj/include/config/auto.conf"; }], [
		AC_MSG_RESULT([yes])
	], [
		AC_MSG_RESULT([no])
		AC_MSG_ERROR([$mpc_linux_obj is not a prepared kernel build tree (no .config or include/generated/autoconf.h).
Install the complete headers package (linux-headers-<release> on Debian/Ubuntu, kernel-devel on RPM) or run 'make modules_prepare' in it])
	])
	LINUX_RELEASE=`sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$mpc_linux_obj/include/generated/utsrelease.h" 2>/dev/null`
	AS_IF([test -z "$LINUX_RELEASE"], [LINUX_RELEASE=`cat "$mpc_linux_obj/include/config/kernel.release" 2>/dev/null`])
	AC_MSG_CHECKING([kernel release])
	AC_MSG_RESULT([$LINUX_RELEASE])
	LINUX=$mpc_linux
	LINUX_OBJ=$mpc_linux_obj
	AC_ARG_WITH([moduledir],
		[AS_HELP_STRING([--with-moduledir=DIR], [where make install puts the module (default: /lib/modules/RELEASE/updates)])],
		[MPC_MODULEDIR=$withval], [MPC_MODULEDIR=/lib/modules/$LINUX_RELEASE/updates])
	AC_SUBST([MPC_MODULEDIR])
	dnl A clang-built kernel needs LLVM=1 on every kbuild command line: the
	dnl kernel's Makefile does not take the compiler from .config; a tree of
	dnl another architecture (arm64 headers on x86-64) needs ARCH and
	dnl CROSS_COMPILE (config/kbuild-flags.sh reads the tree as the probe
	dnl runner does; ARCH and CROSS_COMPILE given to configure win).
	AC_MSG_CHECKING([the kbuild flags of the kernel])
	MPC_KBUILD_FLAGS=`"$srcdir/config/kbuild-flags.sh" "$mpc_linux_obj"` ||
		AC_MSG_ERROR([cannot read the kernel build tree $mpc_linux_obj])
	AS_IF([test -n "$MPC_KBUILD_FLAGS"],
		[AC_MSG_RESULT([$MPC_KBUILD_FLAGS])],
		[AC_MSG_RESULT([none (gcc, the host's architecture)])])
	AC_SUBST([MPC_KBUILD_FLAGS])
	AC_SUBST([LINUX])
	AC_SUBST([LINUX_OBJ])
	AC_SUBST([LINUX_RELEASE])
])

# MPC_PROBE_KERNEL: run config/probe-kernel.sh for $LINUX/$LINUX_OBJ into
# ./mmap_prepare_compat_config.h; substitutes MPC_NATIVE. A kernel the
# package does not support (the runner's gate, exit 77) stops configure with
# the gate's own message, as the Kbuild fragment and DKMS print it.
AC_DEFUN([MPC_PROBE_KERNEL], [
	AC_MSG_NOTICE([probing $LINUX_RELEASE with config/probe-kernel.sh])
	mpc_probe_summary=config.probe-summary
	mpc_probe_rc=0
	dnl CC is configure's user-space compiler, not the kernel's: kbuild
	dnl picks its own (and LLVM=1 or the cross compiler from the tree).
	env -u CC "$srcdir/config/probe-kernel.sh" --kernel-src "$LINUX" --kernel-obj "$LINUX_OBJ" \
		--out "$ac_pwd/mmap_prepare_compat_config.h" --summary \
		> "$mpc_probe_summary" 2> config.probe-errors || mpc_probe_rc=$?
	cat config.probe-errors >&AS_MESSAGE_LOG_FD
	AS_IF([test "$mpc_probe_rc" = 77], [
		mpc_gate_msg=`sed -n 's/^mmap-prepare-compat: //p' config.probe-errors`
		rm -f config.probe-errors
		AC_MSG_ERROR([$mpc_gate_msg])
	])
	cat config.probe-errors >&2
	rm -f config.probe-errors
	AS_IF([test "$mpc_probe_rc" != 0], [
		AC_MSG_ERROR([probing kernel $LINUX_RELEASE failed (see the message above)])
	])
	MPC_NATIVE=`sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \(@<:@01@:>@\).*/\1/p' mmap_prepare_compat_config.h`
	AC_SUBST([MPC_NATIVE])
])

# MPC_KERNEL_CC: when CC is not set and neither gcc nor cc is on the PATH
# (a minimal build machine has only the kernel's compiler, such as gcc-12
# pulled in by Debian's headers), use the compiler the kernel's .config
# names (CONFIG_CC_VERSION_TEXT). The compiler builds only the unit tests.
AC_DEFUN([MPC_KERNEL_CC], [
	AS_IF([test -z "$CC" && ! command -v gcc >/dev/null 2>&1 &&
	       ! command -v cc >/dev/null 2>&1], [
		AC_MSG_CHECKING([the compiler named by the kernel's .config])
		mpc_kcc=`sed -n 's/^CONFIG_CC_VERSION_TEXT="//p' "$LINUX_OBJ/.config" 2>/dev/null | sed 's/"$//'`
		AS_CASE([$mpc_kcc],
			[*clang*], [mpc_kcc=clang`echo "$MPC_KBUILD_FLAGS" | sed -n 's/.*LLVM=\(-@<:@0-9@:>@*\).*/\1/p'`],
			[mpc_kcc=`echo "$mpc_kcc" | sed 's/ .*//'`])
		AS_IF([test -n "$mpc_kcc" && command -v "$mpc_kcc" >/dev/null 2>&1], [
			CC=$mpc_kcc
			AC_MSG_RESULT([$CC])
		], [
			AC_MSG_RESULT([none on the PATH (${mpc_kcc:-no CONFIG_CC_VERSION_TEXT})])
		])
	])
])
