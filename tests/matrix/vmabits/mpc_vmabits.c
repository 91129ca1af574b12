// SPDX-License-Identifier: GPL-2.0
/*
 * Compile-time check of the compat path's VMA_<name>_BIT numbers against the
 * kernel it is built for (every real series of the test matrix, amd64 and
 * arm64): the module builds only if every check holds, and is never loaded.
 * A failed check names its line of vma_names.h ("inlined from").
 *
 * For every name of config/vma-bits.tsv whose VM_<name> this kernel defines
 * (vma_names.h, generated from the table):
 *  - a real flag (VM_<name> != VM_NONE): VMA_<name>_BIT is its bit number;
 *  - a flag configured out (VM_NONE): VMA_<name>_BIT sets no bit that a real
 *    flag of this kernel owns (on arm64: VMA_PKEY_BIT4_BIT is not VM_MTE's
 *    bit 36, VMA_SAO_BIT is not VM_ARM64_BTI's bit 24);
 *  - on 7.3 and later, against the kernel's own enum: the compat number is
 *    7.3's own VMA_<name>_BIT (for this architecture and configuration) for
 *    every real flag, and the table's number is 7.3's own one, or both are
 *    bits 7.3 shares between architectures (for a flag a kernel lacks, the
 *    compat path then uses no bit at all).
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/version.h>

/*
 * 7.3 declares VMA_SHADOW_STACK_BIT only where the flag exists; VM_SHADOW_STACK
 * itself is always defined (VM_NONE elsewhere).
 */
#if !defined(CONFIG_X86_USER_SHADOW_STACK) && !defined(CONFIG_RISCV_USER_CFI) && \
	!defined(CONFIG_ARM64_GCS)
#define MPC_VMABITS_NATIVE_SKIP_SHADOW_STACK
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 3, 0)
#define MPC_VMABITS_NATIVE 1
/* The kernel's own numbers, before the compat names shadow them. */
#ifdef MPC_VMABITS_NATIVE_SKIP_SHADOW_STACK
#define MPC_VMABITS_SKIP_SHADOW_STACK
#endif
#define MPC_VMABIT(name, bit) \
	enum { mpc_native_##name = (__force int)VMA_##name##_BIT + 0 * (bit) }
#include "vma_names.h"
#undef MPC_VMABIT
#undef MPC_VMABITS_SKIP_SHADOW_STACK
#else
#define MPC_VMABITS_NATIVE 0
#endif

#include <linux/mmap_prepare_compat.h>

#if !MMAP_PREPARE_COMPAT_EMULATED
#error "mpc_vmabits.c checks the compat path: build it with MMAP_PREPARE_COMPAT_FORCE_COMPAT=1"
#endif

/* Is @bit one that 7.3 gives a different flag on each architecture? */
static __always_inline bool mpc_arch_shared(int bit)
{
	return bit == 24 || (bit >= 32 && bit <= 38);
}

static __always_inline void mpc_add_real(unsigned long *real, unsigned long vm,
					 int bit)
{
	*real |= vm;
}

/* @vm: VM_<name>; @c: the compat VMA_<name>_BIT; @real: every real flag. */
static __always_inline void mpc_check(unsigned long vm, int c,
				      unsigned long real, int bit)
{
	/* a real flag: its own bit */
	BUILD_BUG_ON(vm && c != __builtin_ctzl(vm));
	/* a flag configured out: no bit of a real flag */
	BUILD_BUG_ON(!vm && c >= 0 && c < BITS_PER_LONG &&
		     (real & (1UL << (c & (BITS_PER_LONG - 1)))));
}

/* @native: the kernel's own VMA_<name>_BIT; @table: the table's number. */
static __always_inline void mpc_check_native(unsigned long vm, int c,
					     int native, int table)
{
	BUILD_BUG_ON(vm && c != native);
	BUILD_BUG_ON(table != native &&
		     !(mpc_arch_shared(table) && mpc_arch_shared(native)));
}

static int __init mpc_vmabits_init(void)
{
	unsigned long real = 0;
	unsigned int checked = 0;

#define MPC_VMABIT(name, bit) mpc_add_real(&real, (unsigned long)(VM_##name), bit)
#include "vma_names.h"
#undef MPC_VMABIT

#define MPC_VMABIT(name, bit) do { \
	mpc_check((unsigned long)(VM_##name), (__force int)VMA_##name##_BIT, real, bit); \
	checked++; \
} while (0)
#include "vma_names.h"
#undef MPC_VMABIT

#if MPC_VMABITS_NATIVE
#ifdef MPC_VMABITS_NATIVE_SKIP_SHADOW_STACK
#define MPC_VMABITS_SKIP_SHADOW_STACK
#endif
#define MPC_VMABIT(name, bit) do { \
	mpc_check_native((unsigned long)(VM_##name), (__force int)VMA_##name##_BIT, \
			 mpc_native_##name, bit); \
	checked++; \
} while (0)
#include "vma_names.h"
#undef MPC_VMABIT
#endif
	pr_info("mpc_vmabits: %u checks held\n", checked);
	return 0;
}

static void __exit mpc_vmabits_exit(void)
{
}

module_init(mpc_vmabits_init);
module_exit(mpc_vmabits_exit);
MODULE_DESCRIPTION("mmap-prepare-compat: compile-time check of the VMA_*_BIT numbers");
MODULE_LICENSE("GPL");
