/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: a VMA_<name>_BIT for every VM_<name> flag the kernel being
 * built defines, numbered as the kernel numbers it (VMA_x_BIT == ilog2(VM_x)).
 * A flag the kernel's configuration compiles out (VM_x == VM_NONE) gets the
 * 7.3 bit number, as upstream does, unless that number is one 7.3 shares
 * between architectures (ARCH_1, HIGH_ARCH_0 - HIGH_ARCH_6): there it would
 * be another flag of this kernel (VM_PAT for VMA_GROWSUP_BIT on x86,
 * VM_UFFD_MINOR for VMA_MTE_ALLOWED_BIT on 6.1), so it gets no bit at all
 * and every helper treats it as an empty mask. Generated once from the 7.3
 * list in include/linux/mm.h; keep it in step with new upstream flags.
 *
 * The values are computed before the VMA_*_BIT names are defined, because on
 * 6.19 - 7.1 the kernel's own VM_x macros are built from its VMA_x_BIT.
 */
#ifndef _MMAP_PREPARE_COMPAT_VMA_BITS_H
#define _MMAP_PREPARE_COMPAT_VMA_BITS_H

/* The bit number of a flag this kernel lacks: outside every bitmap. */
#define __MPC_VMA_NO_BIT	0x7fff

/* Is @bit one that 7.3 gives a different flag on each architecture? */
#define __MPC_VMA_ARCH_SHARED(bit)	((bit) == 24 || ((bit) >= 32 && (bit) <= 38))

#define __MPC_VM_BIT(vm, bit_in_7_3)					\
	((vm) ? __builtin_ctzl((unsigned long)(vm)) :			\
	 __MPC_VMA_ARCH_SHARED(bit_in_7_3) ? __MPC_VMA_NO_BIT : (bit_in_7_3))

enum {
#ifdef VM_READ
	__MPC_VMA_READ_BIT = __MPC_VM_BIT(VM_READ, 0),
#endif
#ifdef VM_WRITE
	__MPC_VMA_WRITE_BIT = __MPC_VM_BIT(VM_WRITE, 1),
#endif
#ifdef VM_EXEC
	__MPC_VMA_EXEC_BIT = __MPC_VM_BIT(VM_EXEC, 2),
#endif
#ifdef VM_SHARED
	__MPC_VMA_SHARED_BIT = __MPC_VM_BIT(VM_SHARED, 3),
#endif
#ifdef VM_MAYREAD
	__MPC_VMA_MAYREAD_BIT = __MPC_VM_BIT(VM_MAYREAD, 4),
#endif
#ifdef VM_MAYWRITE
	__MPC_VMA_MAYWRITE_BIT = __MPC_VM_BIT(VM_MAYWRITE, 5),
#endif
#ifdef VM_MAYEXEC
	__MPC_VMA_MAYEXEC_BIT = __MPC_VM_BIT(VM_MAYEXEC, 6),
#endif
#ifdef VM_MAYSHARE
	__MPC_VMA_MAYSHARE_BIT = __MPC_VM_BIT(VM_MAYSHARE, 7),
#endif
#ifdef VM_GROWSDOWN
	__MPC_VMA_GROWSDOWN_BIT = __MPC_VM_BIT(VM_GROWSDOWN, 8),
#endif
#ifdef VM_UFFD_MISSING
	__MPC_VMA_UFFD_MISSING_BIT = __MPC_VM_BIT(VM_UFFD_MISSING, 9),
#endif
#ifdef VM_MAYOVERLAY
	__MPC_VMA_MAYOVERLAY_BIT = __MPC_VM_BIT(VM_MAYOVERLAY, 9),
#endif
#ifdef VM_PFNMAP
	__MPC_VMA_PFNMAP_BIT = __MPC_VM_BIT(VM_PFNMAP, 10),
#endif
#ifdef VM_DENYWRITE
	__MPC_VMA_DENYWRITE_BIT = __MPC_VM_BIT(VM_DENYWRITE, 11),
#endif
#ifdef VM_MAYBE_GUARD
	__MPC_VMA_MAYBE_GUARD_BIT = __MPC_VM_BIT(VM_MAYBE_GUARD, 11),
#endif
#ifdef VM_UFFD_WP
	__MPC_VMA_UFFD_WP_BIT = __MPC_VM_BIT(VM_UFFD_WP, 12),
#endif
#ifdef VM_LOCKED
	__MPC_VMA_LOCKED_BIT = __MPC_VM_BIT(VM_LOCKED, 13),
#endif
#ifdef VM_IO
	__MPC_VMA_IO_BIT = __MPC_VM_BIT(VM_IO, 14),
#endif
#ifdef VM_SEQ_READ
	__MPC_VMA_SEQ_READ_BIT = __MPC_VM_BIT(VM_SEQ_READ, 15),
#endif
#ifdef VM_RAND_READ
	__MPC_VMA_RAND_READ_BIT = __MPC_VM_BIT(VM_RAND_READ, 16),
#endif
#ifdef VM_DONTCOPY
	__MPC_VMA_DONTCOPY_BIT = __MPC_VM_BIT(VM_DONTCOPY, 17),
#endif
#ifdef VM_DONTEXPAND
	__MPC_VMA_DONTEXPAND_BIT = __MPC_VM_BIT(VM_DONTEXPAND, 18),
#endif
#ifdef VM_LOCKONFAULT
	__MPC_VMA_LOCKONFAULT_BIT = __MPC_VM_BIT(VM_LOCKONFAULT, 19),
#endif
#ifdef VM_ACCOUNT
	__MPC_VMA_ACCOUNT_BIT = __MPC_VM_BIT(VM_ACCOUNT, 20),
#endif
#ifdef VM_NORESERVE
	__MPC_VMA_NORESERVE_BIT = __MPC_VM_BIT(VM_NORESERVE, 21),
#endif
#ifdef VM_HUGETLB
	__MPC_VMA_HUGETLB_BIT = __MPC_VM_BIT(VM_HUGETLB, 22),
#endif
#ifdef VM_SYNC
	__MPC_VMA_SYNC_BIT = __MPC_VM_BIT(VM_SYNC, 23),
#endif
#ifdef VM_ARCH_1
	__MPC_VMA_ARCH_1_BIT = __MPC_VM_BIT(VM_ARCH_1, 24),
#endif
#ifdef VM_WIPEONFORK
	__MPC_VMA_WIPEONFORK_BIT = __MPC_VM_BIT(VM_WIPEONFORK, 25),
#endif
#ifdef VM_DONTDUMP
	__MPC_VMA_DONTDUMP_BIT = __MPC_VM_BIT(VM_DONTDUMP, 26),
#endif
#ifdef VM_SOFTDIRTY
	__MPC_VMA_SOFTDIRTY_BIT = __MPC_VM_BIT(VM_SOFTDIRTY, 27),
#endif
#ifdef VM_MIXEDMAP
	__MPC_VMA_MIXEDMAP_BIT = __MPC_VM_BIT(VM_MIXEDMAP, 28),
#endif
#ifdef VM_HUGEPAGE
	__MPC_VMA_HUGEPAGE_BIT = __MPC_VM_BIT(VM_HUGEPAGE, 29),
#endif
#ifdef VM_NOHUGEPAGE
	__MPC_VMA_NOHUGEPAGE_BIT = __MPC_VM_BIT(VM_NOHUGEPAGE, 30),
#endif
#ifdef VM_MERGEABLE
	__MPC_VMA_MERGEABLE_BIT = __MPC_VM_BIT(VM_MERGEABLE, 31),
#endif
#ifdef VM_HIGH_ARCH_0
	__MPC_VMA_HIGH_ARCH_0_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_0, 32),
#endif
#ifdef VM_HIGH_ARCH_1
	__MPC_VMA_HIGH_ARCH_1_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_1, 33),
#endif
#ifdef VM_HIGH_ARCH_2
	__MPC_VMA_HIGH_ARCH_2_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_2, 34),
#endif
#ifdef VM_HIGH_ARCH_3
	__MPC_VMA_HIGH_ARCH_3_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_3, 35),
#endif
#ifdef VM_HIGH_ARCH_4
	__MPC_VMA_HIGH_ARCH_4_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_4, 36),
#endif
#ifdef VM_HIGH_ARCH_5
	__MPC_VMA_HIGH_ARCH_5_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_5, 37),
#endif
#ifdef VM_HIGH_ARCH_6
	__MPC_VMA_HIGH_ARCH_6_BIT = __MPC_VM_BIT(VM_HIGH_ARCH_6, 38),
#endif
#ifdef VM_ALLOW_ANY_UNCACHED
	__MPC_VMA_ALLOW_ANY_UNCACHED_BIT = __MPC_VM_BIT(VM_ALLOW_ANY_UNCACHED, 39),
#endif
#ifdef VM_DROPPABLE
	__MPC_VMA_DROPPABLE_BIT = __MPC_VM_BIT(VM_DROPPABLE, 40),
#endif
#ifdef VM_UFFD_MINOR
	__MPC_VMA_UFFD_MINOR_BIT = __MPC_VM_BIT(VM_UFFD_MINOR, 41),
#endif
#ifdef VM_SEALED
	__MPC_VMA_SEALED_BIT = __MPC_VM_BIT(VM_SEALED, 42),
#endif
#ifdef VM_UFFD_RWP
	__MPC_VMA_UFFD_RWP_BIT = __MPC_VM_BIT(VM_UFFD_RWP, 43),
#endif
#ifdef VM_PKEY_BIT0
	__MPC_VMA_PKEY_BIT0_BIT = __MPC_VM_BIT(VM_PKEY_BIT0, 32),
#endif
#ifdef VM_PKEY_BIT1
	__MPC_VMA_PKEY_BIT1_BIT = __MPC_VM_BIT(VM_PKEY_BIT1, 33),
#endif
#ifdef VM_PKEY_BIT2
	__MPC_VMA_PKEY_BIT2_BIT = __MPC_VM_BIT(VM_PKEY_BIT2, 34),
#endif
#ifdef VM_PKEY_BIT3
	__MPC_VMA_PKEY_BIT3_BIT = __MPC_VM_BIT(VM_PKEY_BIT3, 35),
#endif
#ifdef VM_PKEY_BIT4
	__MPC_VMA_PKEY_BIT4_BIT = __MPC_VM_BIT(VM_PKEY_BIT4, 36),
#endif
#ifdef VM_SHADOW_STACK
	__MPC_VMA_SHADOW_STACK_BIT = __MPC_VM_BIT(VM_SHADOW_STACK, 37),
#endif
#ifdef VM_PAT
	__MPC_VMA_PAT_BIT = __MPC_VM_BIT(VM_PAT, 24),
#endif
#ifdef VM_SAO
	__MPC_VMA_SAO_BIT = __MPC_VM_BIT(VM_SAO, 24),
#endif
#ifdef VM_GROWSUP
	__MPC_VMA_GROWSUP_BIT = __MPC_VM_BIT(VM_GROWSUP, 24),
#endif
#ifdef VM_SPARC_ADI
	__MPC_VMA_SPARC_ADI_BIT = __MPC_VM_BIT(VM_SPARC_ADI, 24),
#endif
#ifdef VM_ARM64_BTI
	__MPC_VMA_ARM64_BTI_BIT = __MPC_VM_BIT(VM_ARM64_BTI, 24),
#endif
#ifdef VM_ARCH_CLEAR
	__MPC_VMA_ARCH_CLEAR_BIT = __MPC_VM_BIT(VM_ARCH_CLEAR, 24),
#endif
#ifdef VM_MAPPED_COPY
	__MPC_VMA_MAPPED_COPY_BIT = __MPC_VM_BIT(VM_MAPPED_COPY, 24),
#endif
#ifdef VM_MTE
	__MPC_VMA_MTE_BIT = __MPC_VM_BIT(VM_MTE, 36),
#endif
#ifdef VM_MTE_ALLOWED
	__MPC_VMA_MTE_ALLOWED_BIT = __MPC_VM_BIT(VM_MTE_ALLOWED, 37),
#endif
#ifdef VM_STACK
	__MPC_VMA_STACK_BIT = __MPC_VM_BIT(VM_STACK, 8),
#endif
};

#ifdef VM_READ
#undef VMA_READ_BIT
#define VMA_READ_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_READ_BIT)
#endif
#ifdef VM_WRITE
#undef VMA_WRITE_BIT
#define VMA_WRITE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_WRITE_BIT)
#endif
#ifdef VM_EXEC
#undef VMA_EXEC_BIT
#define VMA_EXEC_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_EXEC_BIT)
#endif
#ifdef VM_SHARED
#undef VMA_SHARED_BIT
#define VMA_SHARED_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SHARED_BIT)
#endif
#ifdef VM_MAYREAD
#undef VMA_MAYREAD_BIT
#define VMA_MAYREAD_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYREAD_BIT)
#endif
#ifdef VM_MAYWRITE
#undef VMA_MAYWRITE_BIT
#define VMA_MAYWRITE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYWRITE_BIT)
#endif
#ifdef VM_MAYEXEC
#undef VMA_MAYEXEC_BIT
#define VMA_MAYEXEC_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYEXEC_BIT)
#endif
#ifdef VM_MAYSHARE
#undef VMA_MAYSHARE_BIT
#define VMA_MAYSHARE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYSHARE_BIT)
#endif
#ifdef VM_GROWSDOWN
#undef VMA_GROWSDOWN_BIT
#define VMA_GROWSDOWN_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_GROWSDOWN_BIT)
#endif
#ifdef VM_UFFD_MISSING
#undef VMA_UFFD_MISSING_BIT
#define VMA_UFFD_MISSING_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_UFFD_MISSING_BIT)
#endif
#ifdef VM_MAYOVERLAY
#undef VMA_MAYOVERLAY_BIT
#define VMA_MAYOVERLAY_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYOVERLAY_BIT)
#endif
#ifdef VM_PFNMAP
#undef VMA_PFNMAP_BIT
#define VMA_PFNMAP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PFNMAP_BIT)
#endif
#ifdef VM_DENYWRITE
#undef VMA_DENYWRITE_BIT
#define VMA_DENYWRITE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_DENYWRITE_BIT)
#endif
#ifdef VM_MAYBE_GUARD
#undef VMA_MAYBE_GUARD_BIT
#define VMA_MAYBE_GUARD_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAYBE_GUARD_BIT)
#endif
#ifdef VM_UFFD_WP
#undef VMA_UFFD_WP_BIT
#define VMA_UFFD_WP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_UFFD_WP_BIT)
#endif
#ifdef VM_LOCKED
#undef VMA_LOCKED_BIT
#define VMA_LOCKED_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_LOCKED_BIT)
#endif
#ifdef VM_IO
#undef VMA_IO_BIT
#define VMA_IO_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_IO_BIT)
#endif
#ifdef VM_SEQ_READ
#undef VMA_SEQ_READ_BIT
#define VMA_SEQ_READ_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SEQ_READ_BIT)
#endif
#ifdef VM_RAND_READ
#undef VMA_RAND_READ_BIT
#define VMA_RAND_READ_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_RAND_READ_BIT)
#endif
#ifdef VM_DONTCOPY
#undef VMA_DONTCOPY_BIT
#define VMA_DONTCOPY_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_DONTCOPY_BIT)
#endif
#ifdef VM_DONTEXPAND
#undef VMA_DONTEXPAND_BIT
#define VMA_DONTEXPAND_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_DONTEXPAND_BIT)
#endif
#ifdef VM_LOCKONFAULT
#undef VMA_LOCKONFAULT_BIT
#define VMA_LOCKONFAULT_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_LOCKONFAULT_BIT)
#endif
#ifdef VM_ACCOUNT
#undef VMA_ACCOUNT_BIT
#define VMA_ACCOUNT_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_ACCOUNT_BIT)
#endif
#ifdef VM_NORESERVE
#undef VMA_NORESERVE_BIT
#define VMA_NORESERVE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_NORESERVE_BIT)
#endif
#ifdef VM_HUGETLB
#undef VMA_HUGETLB_BIT
#define VMA_HUGETLB_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HUGETLB_BIT)
#endif
#ifdef VM_SYNC
#undef VMA_SYNC_BIT
#define VMA_SYNC_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SYNC_BIT)
#endif
#ifdef VM_ARCH_1
#undef VMA_ARCH_1_BIT
#define VMA_ARCH_1_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_ARCH_1_BIT)
#endif
#ifdef VM_WIPEONFORK
#undef VMA_WIPEONFORK_BIT
#define VMA_WIPEONFORK_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_WIPEONFORK_BIT)
#endif
#ifdef VM_DONTDUMP
#undef VMA_DONTDUMP_BIT
#define VMA_DONTDUMP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_DONTDUMP_BIT)
#endif
#ifdef VM_SOFTDIRTY
#undef VMA_SOFTDIRTY_BIT
#define VMA_SOFTDIRTY_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SOFTDIRTY_BIT)
#endif
#ifdef VM_MIXEDMAP
#undef VMA_MIXEDMAP_BIT
#define VMA_MIXEDMAP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MIXEDMAP_BIT)
#endif
#ifdef VM_HUGEPAGE
#undef VMA_HUGEPAGE_BIT
#define VMA_HUGEPAGE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HUGEPAGE_BIT)
#endif
#ifdef VM_NOHUGEPAGE
#undef VMA_NOHUGEPAGE_BIT
#define VMA_NOHUGEPAGE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_NOHUGEPAGE_BIT)
#endif
#ifdef VM_MERGEABLE
#undef VMA_MERGEABLE_BIT
#define VMA_MERGEABLE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MERGEABLE_BIT)
#endif
#ifdef VM_HIGH_ARCH_0
#undef VMA_HIGH_ARCH_0_BIT
#define VMA_HIGH_ARCH_0_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_0_BIT)
#endif
#ifdef VM_HIGH_ARCH_1
#undef VMA_HIGH_ARCH_1_BIT
#define VMA_HIGH_ARCH_1_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_1_BIT)
#endif
#ifdef VM_HIGH_ARCH_2
#undef VMA_HIGH_ARCH_2_BIT
#define VMA_HIGH_ARCH_2_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_2_BIT)
#endif
#ifdef VM_HIGH_ARCH_3
#undef VMA_HIGH_ARCH_3_BIT
#define VMA_HIGH_ARCH_3_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_3_BIT)
#endif
#ifdef VM_HIGH_ARCH_4
#undef VMA_HIGH_ARCH_4_BIT
#define VMA_HIGH_ARCH_4_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_4_BIT)
#endif
#ifdef VM_HIGH_ARCH_5
#undef VMA_HIGH_ARCH_5_BIT
#define VMA_HIGH_ARCH_5_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_5_BIT)
#endif
#ifdef VM_HIGH_ARCH_6
#undef VMA_HIGH_ARCH_6_BIT
#define VMA_HIGH_ARCH_6_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_HIGH_ARCH_6_BIT)
#endif
#ifdef VM_ALLOW_ANY_UNCACHED
#undef VMA_ALLOW_ANY_UNCACHED_BIT
#define VMA_ALLOW_ANY_UNCACHED_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_ALLOW_ANY_UNCACHED_BIT)
#endif
#ifdef VM_DROPPABLE
#undef VMA_DROPPABLE_BIT
#define VMA_DROPPABLE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_DROPPABLE_BIT)
#endif
#ifdef VM_UFFD_MINOR
#undef VMA_UFFD_MINOR_BIT
#define VMA_UFFD_MINOR_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_UFFD_MINOR_BIT)
#endif
#ifdef VM_SEALED
#undef VMA_SEALED_BIT
#define VMA_SEALED_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SEALED_BIT)
#endif
#ifdef VM_UFFD_RWP
#undef VMA_UFFD_RWP_BIT
#define VMA_UFFD_RWP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_UFFD_RWP_BIT)
#endif
#ifdef VM_PKEY_BIT0
#undef VMA_PKEY_BIT0_BIT
#define VMA_PKEY_BIT0_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PKEY_BIT0_BIT)
#endif
#ifdef VM_PKEY_BIT1
#undef VMA_PKEY_BIT1_BIT
#define VMA_PKEY_BIT1_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PKEY_BIT1_BIT)
#endif
#ifdef VM_PKEY_BIT2
#undef VMA_PKEY_BIT2_BIT
#define VMA_PKEY_BIT2_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PKEY_BIT2_BIT)
#endif
#ifdef VM_PKEY_BIT3
#undef VMA_PKEY_BIT3_BIT
#define VMA_PKEY_BIT3_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PKEY_BIT3_BIT)
#endif
#ifdef VM_PKEY_BIT4
#undef VMA_PKEY_BIT4_BIT
#define VMA_PKEY_BIT4_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PKEY_BIT4_BIT)
#endif
#ifdef VM_SHADOW_STACK
#undef VMA_SHADOW_STACK_BIT
#define VMA_SHADOW_STACK_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SHADOW_STACK_BIT)
#endif
#ifdef VM_PAT
#undef VMA_PAT_BIT
#define VMA_PAT_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_PAT_BIT)
#endif
#ifdef VM_SAO
#undef VMA_SAO_BIT
#define VMA_SAO_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SAO_BIT)
#endif
#ifdef VM_GROWSUP
#undef VMA_GROWSUP_BIT
#define VMA_GROWSUP_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_GROWSUP_BIT)
#endif
#ifdef VM_SPARC_ADI
#undef VMA_SPARC_ADI_BIT
#define VMA_SPARC_ADI_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_SPARC_ADI_BIT)
#endif
#ifdef VM_ARM64_BTI
#undef VMA_ARM64_BTI_BIT
#define VMA_ARM64_BTI_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_ARM64_BTI_BIT)
#endif
#ifdef VM_ARCH_CLEAR
#undef VMA_ARCH_CLEAR_BIT
#define VMA_ARCH_CLEAR_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_ARCH_CLEAR_BIT)
#endif
#ifdef VM_MAPPED_COPY
#undef VMA_MAPPED_COPY_BIT
#define VMA_MAPPED_COPY_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MAPPED_COPY_BIT)
#endif
#ifdef VM_MTE
#undef VMA_MTE_BIT
#define VMA_MTE_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MTE_BIT)
#endif
#ifdef VM_MTE_ALLOWED
#undef VMA_MTE_ALLOWED_BIT
#define VMA_MTE_ALLOWED_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_MTE_ALLOWED_BIT)
#endif
#ifdef VM_STACK
#undef VMA_STACK_BIT
#define VMA_STACK_BIT	((__force __mpc_vma_flag_t)__MPC_VMA_STACK_BIT)
#endif

#endif /* _MMAP_PREPARE_COMPAT_VMA_BITS_H */
