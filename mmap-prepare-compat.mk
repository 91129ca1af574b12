# SPDX-License-Identifier: GPL-2.0
#
# mmap-prepare-compat.mk - Kbuild fragment for drivers that use
# <linux/mmap_prepare_compat.h>.
#
# In the driver's Kbuild (or the kbuild part of its Makefile):
#
#   MMAP_PREPARE_COMPAT_DIR ?= /usr/share/mmap-prepare-compat/kit
#   include $(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk
#   obj-m += acme.o
#   acme-y := main.o $(MMAP_PREPARE_COMPAT_OBJS)
#
# and build as usual: make -C /lib/modules/$(uname -r)/build M=$PWD
#
# No configure step is needed: on first use for a kernel the fragment runs
# config/probe-kernel.sh against the tree being built (results are cached
# per kernel, a few seconds cold, well under a second after), and adds
# -I for include/ and for the generated mmap_prepare_compat_config.h.
#
# Inputs (set before the include):
#   MMAP_PREPARE_COMPAT_DIR     required: the package tree (this file's dir):
#                               /usr/share/mmap-prepare-compat/kit from the
#                               packages (a link to the DKMS source tree),
#                               $(datadir)/mmap-prepare-compat/kit from
#                               make install (/usr/local by default)
#   MMAP_PREPARE_COMPAT_MODE    shared (default): link against the shared
#                               mmap_prepare_compat.ko; adds its
#                               Module.symvers to KBUILD_EXTRA_SYMBOLS
#                               embedded: compile the compat layer into the
#                               driver under MMAP_PREPARE_COMPAT_PREFIX, export
#                               nothing; add $(MMAP_PREPARE_COMPAT_OBJS) to
#                               the module's objects
#                               provider: the shared module's own build
#                               (src/Kbuild): exports, no extra symbols
#   MMAP_PREPARE_COMPAT_PREFIX  embedded mode: the driver's private symbol
#                               prefix, e.g. acme_mpc_ (required there)
#   MMAP_PREPARE_COMPAT_GPL     embedded mode: y if the driver is
#                               GPL-compatible, n if not (default: its
#                               MODULE_LICENSE lines below $(src) say). n
#                               builds the layer without GPL-only kernel
#                               symbols, which modpost refuses in such a
#                               driver; the PFN remap helpers
#                               (mmap_action_remap*, mmap_action_ioremap*,
#                               mmap_action_simple_ioremap) then fail to
#                               compile where the driver calls them
#   MMAP_PREPARE_COMPAT_FORCE_COMPAT=1
#                               compat path even on a fully native kernel
#   MMAP_PREPARE_COMPAT_SYMVERS shared mode: the shared module's
#                               Module.symvers (default: looked up where
#                               make install and DKMS publish it)
#   MMAP_PREPARE_COMPAT_CONFIG_DIR
#                               a directory that already holds the generated
#                               mmap_prepare_compat_config.h for this kernel
#                               (configure passes it): no probing
#   MMAP_PREPARE_COMPAT_GENDIR  where to generate it (default
#                               $(obj)/.mmap-prepare-compat/$(KERNELRELEASE))
#   MMAP_PREPARE_COMPAT_STRICT=1
#                               an API combination that matches no known
#                               kernel state is an error (default: compat
#                               path and a warning; see internals.rst)
#   MMAP_PREPARE_COMPAT_NO_CCFLAGS=1
#                               do not touch ccflags-y; use
#                               $(MMAP_PREPARE_COMPAT_CFLAGS) per object
#
# Outputs:
#   MMAP_PREPARE_COMPAT_CFLAGS  -I and -D flags (already in ccflags-y)
#   MMAP_PREPARE_COMPAT_OBJS    embedded/provider: the compat layer as one
#                               object, relative to this Kbuild's directory
#   MMAP_PREPARE_COMPAT_CONFIG_H the generated header for this kernel
#   MMAP_PREPARE_COMPAT_IS_NATIVE 1 or 0, as probed

ifeq ($(strip $(MMAP_PREPARE_COMPAT_DIR)),)
$(error mmap-prepare-compat.mk: set MMAP_PREPARE_COMPAT_DIR to the mmap-prepare-compat tree before including this file)
endif

mpc_dir := $(abspath $(MMAP_PREPARE_COMPAT_DIR))
MMAP_PREPARE_COMPAT_MODE ?= shared
mpc_mode := $(strip $(MMAP_PREPARE_COMPAT_MODE))

ifeq ($(filter shared embedded provider,$(mpc_mode)),)
$(error mmap-prepare-compat.mk: MMAP_PREPARE_COMPAT_MODE must be shared, embedded or provider, not '$(mpc_mode)')
endif
ifeq ($(mpc_mode),embedded)
ifeq ($(strip $(MMAP_PREPARE_COMPAT_PREFIX)),)
$(error mmap-prepare-compat.mk: embedded mode needs MMAP_PREPARE_COMPAT_PREFIX, a private symbol prefix such as acme_mpc_)
endif
endif
ifneq ($(filter-out y n,$(strip $(MMAP_PREPARE_COMPAT_GPL))),)
$(error mmap-prepare-compat.mk: MMAP_PREPARE_COMPAT_GPL must be y (the driver is GPL-compatible) or n (it is not), not '$(strip $(MMAP_PREPARE_COMPAT_GPL))')
endif

# Makefile.clean reads the Kbuild file too: no probing there.
ifeq ($(filter %/Makefile.clean,$(MAKEFILE_LIST)),)

mpc_ksrc := $(abspath $(srctree))
mpc_kobj := $(abspath $(objtree))
mpc_release := $(KERNELRELEASE)
ifeq ($(strip $(mpc_release)),)
mpc_release := $(shell cat $(mpc_kobj)/include/config/kernel.release 2>/dev/null)
endif

ifneq ($(strip $(MMAP_PREPARE_COMPAT_CONFIG_DIR)),)
mpc_gendir := $(abspath $(MMAP_PREPARE_COMPAT_CONFIG_DIR))
ifeq ($(wildcard $(mpc_gendir)/mmap_prepare_compat_config.h),)
$(error mmap-prepare-compat.mk: $(mpc_gendir)/mmap_prepare_compat_config.h does not exist (MMAP_PREPARE_COMPAT_CONFIG_DIR))
endif
else
mpc_gendir := $(abspath $(if $(MMAP_PREPARE_COMPAT_GENDIR),$(MMAP_PREPARE_COMPAT_GENDIR),$(obj)/.mmap-prepare-compat/$(mpc_release)))

# The probe runner gets a clean environment: kbuild exports MAKEFLAGS,
# sub_make_done and friends that would derail its own kbuild run. Only what
# selects the compiler is passed on, and only when the user set it.
mpc_passvar = $(if $(filter command line environment%,$(origin $(1))),$(1)='$($(1))')
mpc_probe_env := env -i PATH='$(PATH)' HOME='$(HOME)' \
	$(if $(MPC_CACHE),MPC_CACHE='$(MPC_CACHE)') \
	$(if $(TMPDIR),TMPDIR='$(TMPDIR)') \
	$(if $(MMAP_PREPARE_COMPAT_STRICT),MMAP_PREPARE_COMPAT_STRICT='$(MMAP_PREPARE_COMPAT_STRICT)') \
	$(if $(MPC_ASSUME_EXPORTED),MPC_ASSUME_EXPORTED='$(MPC_ASSUME_EXPORTED)') \
	$(call mpc_passvar,ARCH) $(call mpc_passvar,CROSS_COMPILE) \
	$(call mpc_passvar,LLVM) $(call mpc_passvar,CC)

# Once per make process (the fragment is read by several kbuild passes; the
# cached result makes the later ones cheap).
ifndef mpc_probe_rc_$(mpc_release)
mpc_probe_rc_$(mpc_release) := $(shell $(mpc_probe_env) bash $(mpc_dir)/config/probe-kernel.sh \
	--kernel-src $(mpc_ksrc) --kernel-obj $(mpc_kobj) \
	--out $(mpc_gendir)/mmap_prepare_compat_config.h --quiet >&2; echo $$?)
endif
# 77: the kernel is not supported (the runner's gate); the same message as
# configure and DKMS print.
ifeq ($(mpc_probe_rc_$(mpc_release)),77)
$(error $(shell bash $(mpc_dir)/config/kernel-gate.sh $(mpc_release) $(mpc_kobj)/.config 2>&1))
endif
ifneq ($(mpc_probe_rc_$(mpc_release)),0)
$(error mmap-prepare-compat.mk: probing kernel $(mpc_release) failed (see the messages above))
endif
endif # MMAP_PREPARE_COMPAT_CONFIG_DIR

MMAP_PREPARE_COMPAT_CONFIG_H := $(mpc_gendir)/mmap_prepare_compat_config.h
MMAP_PREPARE_COMPAT_IS_NATIVE := $(shell sed -n 's/^\#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' $(MMAP_PREPARE_COMPAT_CONFIG_H))

MMAP_PREPARE_COMPAT_CFLAGS := -I$(mpc_dir)/include -I$(mpc_gendir)
ifeq ($(MMAP_PREPARE_COMPAT_FORCE_COMPAT),1)
MMAP_PREPARE_COMPAT_CFLAGS += -DMMAP_PREPARE_COMPAT_FORCE_COMPAT=1
endif
ifeq ($(mpc_mode),embedded)
MMAP_PREPARE_COMPAT_CFLAGS += -DMMAP_PREPARE_COMPAT_EMBEDDED \
	-DMMAP_PREPARE_COMPAT_PREFIX=$(strip $(MMAP_PREPARE_COMPAT_PREFIX))
# A driver that is not GPL-compatible gets the layer without GPL-only kernel
# symbols (modpost would refuse it otherwise); MMAP_PREPARE_COMPAT_GPL
# overrides what its MODULE_LICENSE lines say.
mpc_gpl := $(strip $(MMAP_PREPARE_COMPAT_GPL))
ifeq ($(mpc_gpl),)
mpc_license := $(shell bash $(mpc_dir)/config/driver-license.sh $(abspath $(src)))
mpc_gpl := $(firstword $(mpc_license))
mpc_gpl_why := $(word 2,$(mpc_license)) declares MODULE_LICENSE("$(wordlist 3,99,$(mpc_license))"), which is not GPL-compatible
else
mpc_gpl_why := MMAP_PREPARE_COMPAT_GPL=n
endif
ifeq ($(mpc_gpl),n)
MMAP_PREPARE_COMPAT_CFLAGS += -DMMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
endif
# Said once, by the pass that compiles (modpost reads the Kbuild too).
ifeq ($(filter %/Makefile.modpost,$(MAKEFILE_LIST)),)
ifeq ($(mpc_gpl),n)
ifneq ($(MMAP_PREPARE_COMPAT_IS_NATIVE)$(MMAP_PREPARE_COMPAT_FORCE_COMPAT),1)
$(info mmap-prepare-compat.mk: $(mpc_gpl_why): the embedded compat layer is built without GPL-only kernel symbols, so the PFN remap helpers (mmap_action_remap*, mmap_action_ioremap*, mmap_action_simple_ioremap) do not build; shared mode has them for any licence)
else
$(info mmap-prepare-compat.mk: $(mpc_gpl_why): kernel $(mpc_release) has the native API, but on the kernels of the compat path (before 7.2) the PFN remap helpers (mmap_action_remap*, mmap_action_ioremap*, mmap_action_simple_ioremap) do not build embedded; shared mode has them for any licence)
endif
else ifeq ($(mpc_gpl),?)
$(info mmap-prepare-compat.mk: no MODULE_LICENSE("...") found below $(src): the embedded compat layer is built for a GPL-compatible driver (set MMAP_PREPARE_COMPAT_GPL=n if it is not))
endif
endif
else ifneq ($(strip $(MMAP_PREPARE_COMPAT_PREFIX)),)
MMAP_PREPARE_COMPAT_CFLAGS += -DMMAP_PREPARE_COMPAT_PREFIX=$(strip $(MMAP_PREPARE_COMPAT_PREFIX))
endif

ifneq ($(MMAP_PREPARE_COMPAT_NO_CCFLAGS),1)
ccflags-y += $(MMAP_PREPARE_COMPAT_CFLAGS)
endif

# embedded / provider: the compat layer as one object of the including
# directory. kbuild compiles only sources below $(src), so a one-line
# wrapper that includes compat/mmap_prepare_compat_all.c is written there.
ifneq ($(filter embedded provider,$(mpc_mode)),)
mpc_wrapdir := .mmap-prepare-compat
mpc_wrapper := $(abspath $(src))/$(mpc_wrapdir)/mmap_prepare_compat_all.c
mpc_wraptext := /* Generated by mmap-prepare-compat.mk. */\n\#include "$(mpc_dir)/compat/mmap_prepare_compat_all.c"
mpc_wrap_ok := $(shell mkdir -p $(dir $(mpc_wrapper)) && \
	{ printf '$(mpc_wraptext)\n' | cmp -s - $(mpc_wrapper) || \
	  printf '$(mpc_wraptext)\n' > $(mpc_wrapper); } && echo ok)
ifneq ($(mpc_wrap_ok),ok)
$(error mmap-prepare-compat.mk: cannot write $(mpc_wrapper))
endif
MMAP_PREPARE_COMPAT_OBJS := $(mpc_wrapdir)/mmap_prepare_compat_all.o
else
MMAP_PREPARE_COMPAT_OBJS :=
endif

# shared: resolve the shim's symbols against the shared module. A native
# kernel needs none (nothing of ours is compiled into the driver).
ifeq ($(mpc_mode),shared)
ifneq ($(MMAP_PREPARE_COMPAT_IS_NATIVE)$(MMAP_PREPARE_COMPAT_FORCE_COMPAT),1)
mpc_symvers := $(strip $(MMAP_PREPARE_COMPAT_SYMVERS))
ifeq ($(mpc_symvers),)
mpc_symvers := $(firstword $(wildcard \
	$(mpc_dir)/kernels/$(mpc_release)/Module.symvers \
	$(mpc_dir)/../$(mpc_release)/Module.symvers \
	$(abspath $(mpc_dir)/../../share/mmap-prepare-compat/$(mpc_release)/Module.symvers) \
	/usr/share/mmap-prepare-compat/$(mpc_release)/Module.symvers \
	/usr/local/share/mmap-prepare-compat/$(mpc_release)/Module.symvers \
	/var/lib/dkms/mmap-prepare-compat/*/$(mpc_release)/*/Module.symvers))
endif
ifeq ($(mpc_symvers),)
# Without it modpost would fail at the end with "... undefined!": stop here,
# unless the caller passes the symbols itself.
ifeq ($(strip $(KBUILD_EXTRA_SYMBOLS)),)
$(error mmap-prepare-compat.mk: shared mode needs the shared module mmap_prepare_compat.ko for $(mpc_release), and it is not installed: install it (scripts/setup, the mmap-prepare-compat-dkms package or make install), or set MMAP_PREPARE_COMPAT_SYMVERS to its Module.symvers, or build with MMAP_PREPARE_COMPAT_MODE=embedded)
endif
$(warning mmap-prepare-compat.mk: no Module.symvers of mmap_prepare_compat.ko for $(mpc_release) found; relying on KBUILD_EXTRA_SYMBOLS)
else
KBUILD_EXTRA_SYMBOLS += $(mpc_symvers)
endif
endif
endif

else # Makefile.clean
# what the fragment generated in the driver's directory (the embedded
# wrapper, the per-kernel config headers)
clean-files += .mmap-prepare-compat
endif # not Makefile.clean
