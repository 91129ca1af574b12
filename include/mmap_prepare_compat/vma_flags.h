/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: the 7.3 VMA flag helpers (include/linux/mm.h and mm_types.h in
 * 7.3) over __mpc_vma_flags_t, and the vm_area_desc flag helpers.
 */
#ifndef _MMAP_PREPARE_COMPAT_VMA_FLAGS_H
#define _MMAP_PREPARE_COMPAT_VMA_FLAGS_H

#include <linux/bitops.h>
#include <mmap_prepare_compat/types.h>
#include <mmap_prepare_compat/vma_bits.h>

/*
 * False for the VMA_*_BIT of a flag this kernel lacks (vma_bits.h): it
 * stands for an empty mask, never for another flag's bit.
 */
static __always_inline bool __mpc_vma_bit_exists(__mpc_vma_flag_t bit)
{
	return (__force int)bit >= 0 &&
	       (__force int)bit < __MPC_NUM_VMA_FLAG_BITS;
}

/**
 * __mpc_mk_vma_flags() - compat __mk_vma_flags(): add bits to VMA flags
 * @flags: the flags to start from
 * @count: the number of entries of @bits
 * @bits: the VMA_*_BIT numbers to set
 *
 * Return: @flags with @bits set. mk_vma_flags(...) and append_vma_flags() wrap it.
 */
static __always_inline __mpc_vma_flags_t
__mpc_mk_vma_flags(__mpc_vma_flags_t flags, size_t count,
		   const __mpc_vma_flag_t *bits)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (__mpc_vma_bit_exists(bits[i]))
			__set_bit((__force int)bits[i], flags.__vma_flags);
	return flags;
}

#define __MPC_VMA_BITS(...)	((const __mpc_vma_flag_t []){ __VA_ARGS__ })
#define __MPC_NR_VMA_BITS(...) \
	(sizeof(__MPC_VMA_BITS(__VA_ARGS__)) / sizeof(__mpc_vma_flag_t))

/**
 * __mpc_vma_flags_empty() - compat vma_flags_empty()
 * @flags: the flags to test
 *
 * Return: true if no flag is set.
 */
static __always_inline bool __mpc_vma_flags_empty(const __mpc_vma_flags_t *flags)
{
	return bitmap_empty(flags->__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_test() - compat vma_flags_test(): test one flag
 * @flags: the flags to test
 * @bit: a VMA_*_BIT
 *
 * Return: true if @bit is set in @flags.
 */
static __always_inline bool __mpc_vma_flags_test(const __mpc_vma_flags_t *flags,
						 __mpc_vma_flag_t bit)
{
	return __mpc_vma_bit_exists(bit) &&
	       test_bit((__force int)bit, flags->__vma_flags);
}

/**
 * __mpc_vma_flags_test_any_mask() - compat vma_flags_test_any_mask()
 * @flags: the flags to test
 * @to_test: the flags looked for
 *
 * Return: true if any flag of @to_test is set in @flags.
 */
static __always_inline bool
__mpc_vma_flags_test_any_mask(const __mpc_vma_flags_t *flags,
			      __mpc_vma_flags_t to_test)
{
	return bitmap_intersects(to_test.__vma_flags, flags->__vma_flags,
				 __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_test_all_mask() - compat vma_flags_test_all_mask()
 * @flags: the flags to test
 * @to_test: the flags looked for
 *
 * Return: true if every flag of @to_test is set in @flags.
 */
static __always_inline bool
__mpc_vma_flags_test_all_mask(const __mpc_vma_flags_t *flags,
			      __mpc_vma_flags_t to_test)
{
	return bitmap_subset(to_test.__vma_flags, flags->__vma_flags,
			     __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_set_flag() - compat vma_flags_set_flag(): set one flag
 * @flags: the flags to change
 * @bit: a VMA_*_BIT
 */
static __always_inline void __mpc_vma_flags_set_flag(__mpc_vma_flags_t *flags,
						     __mpc_vma_flag_t bit)
{
	if (__mpc_vma_bit_exists(bit))
		__set_bit((__force int)bit, flags->__vma_flags);
}

/**
 * __mpc_vma_flags_set_mask() - compat vma_flags_set_mask()
 * @flags: the flags to change
 * @to_set: the flags to set
 */
static __always_inline void __mpc_vma_flags_set_mask(__mpc_vma_flags_t *flags,
						     __mpc_vma_flags_t to_set)
{
	bitmap_or(flags->__vma_flags, flags->__vma_flags, to_set.__vma_flags,
		  __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_clear_mask() - compat vma_flags_clear_mask()
 * @flags: the flags to change
 * @to_clear: the flags to clear
 */
static __always_inline void __mpc_vma_flags_clear_mask(__mpc_vma_flags_t *flags,
						       __mpc_vma_flags_t to_clear)
{
	bitmap_andnot(flags->__vma_flags, flags->__vma_flags,
		      to_clear.__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_count() - compat vma_flags_count()
 * @flags: VMA flags
 *
 * Return: the number of flags set.
 */
static __always_inline int __mpc_vma_flags_count(const __mpc_vma_flags_t *flags)
{
	return bitmap_weight(flags->__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_and_mask() - compat vma_flags_and_mask()
 * @flags: VMA flags
 * @to_and: the flags to keep
 *
 * vma_flags_and(flags, bits...) wraps it.
 *
 * Return: the flags set in both.
 */
static __always_inline __mpc_vma_flags_t
__mpc_vma_flags_and_mask(const __mpc_vma_flags_t *flags,
			 __mpc_vma_flags_t to_and)
{
	__mpc_vma_flags_t dst;

	bitmap_and(dst.__vma_flags, flags->__vma_flags, to_and.__vma_flags,
		   __MPC_NUM_VMA_FLAG_BITS);
	return dst;
}

/**
 * __mpc_vma_flags_test_single_mask() - compat vma_flags_test_single_mask()
 * @flags: VMA flags
 * @flagmask: a mask of at most one flag (EMPTY_VMA_FLAGS where the kernel
 *	lacks it)
 *
 * Return: true if the flag of @flagmask is set in @flags; false for an empty
 * mask. A mask of several flags warns once, as in 7.3.
 */
static __always_inline bool
__mpc_vma_flags_test_single_mask(const __mpc_vma_flags_t *flags,
				 __mpc_vma_flags_t flagmask)
{
	VM_WARN_ON_ONCE(__mpc_vma_flags_count(&flagmask) > 1);

	return __mpc_vma_flags_test_any_mask(flags, flagmask);
}

/* 7.3 __mk_vma_flags_from_masks(): behind mk_vma_flags_from_masks(). */
static __always_inline __mpc_vma_flags_t
__mpc_mk_vma_flags_from_masks(size_t count, const __mpc_vma_flags_t *masks)
{
	__mpc_vma_flags_t flags = EMPTY_VMA_FLAGS;
	size_t i;

	for (i = 0; i < count; i++)
		__mpc_vma_flags_set_mask(&flags, masks[i]);
	return flags;
}

#define __MPC_VMA_MASKS(...)	((const __mpc_vma_flags_t []){ __VA_ARGS__ })
#define __MPC_NR_VMA_MASKS(...) \
	(sizeof(__MPC_VMA_MASKS(__VA_ARGS__)) / sizeof(__mpc_vma_flags_t))

/**
 * __mpc_vma_flags_diff_pair() - compat vma_flags_diff_pair()
 * @flags: VMA flags
 * @flags_other: other VMA flags
 *
 * Return: the flags set in exactly one of the two.
 */
static __always_inline __mpc_vma_flags_t
__mpc_vma_flags_diff_pair(const __mpc_vma_flags_t *flags,
			  const __mpc_vma_flags_t *flags_other)
{
	__mpc_vma_flags_t dst;

	bitmap_xor(dst.__vma_flags, flags->__vma_flags,
		   flags_other->__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
	return dst;
}

/**
 * __mpc_vma_flags_same_pair() - compat vma_flags_same_pair()
 * @flags: VMA flags
 * @flags_other: other VMA flags
 *
 * Return: true if both have precisely the same flags set.
 */
static __always_inline bool
__mpc_vma_flags_same_pair(const __mpc_vma_flags_t *flags,
			  const __mpc_vma_flags_t *flags_other)
{
	return bitmap_equal(flags->__vma_flags, flags_other->__vma_flags,
			    __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_same_mask() - compat vma_flags_same_mask()
 * @flags: VMA flags
 * @flags_other: other VMA flags, by value
 *
 * vma_flags_same(flags, bits...) wraps it.
 *
 * Return: true if both have precisely the same flags set.
 */
static __always_inline bool
__mpc_vma_flags_same_mask(const __mpc_vma_flags_t *flags,
			  __mpc_vma_flags_t flags_other)
{
	return bitmap_equal(flags->__vma_flags, flags_other.__vma_flags,
			    __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_clear_all() - compat vma_flags_clear_all()
 * @flags: the flags to clear
 */
static __always_inline void __mpc_vma_flags_clear_all(__mpc_vma_flags_t *flags)
{
	bitmap_zero(flags->__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
}

/**
 * __mpc_vma_flags_to_legacy() - compat vma_flags_to_legacy()
 * @flags: VMA flags
 *
 * Return: the same flags as a vm_flags_t word.
 */
static __always_inline vm_flags_t __mpc_vma_flags_to_legacy(__mpc_vma_flags_t flags)
{
	return flags.__vma_flags[0];
}

/**
 * __mpc_legacy_to_vma_flags() - compat legacy_to_vma_flags()
 * @flags: a vm_flags_t word
 *
 * Return: the same flags as VMA flags.
 */
static __always_inline __mpc_vma_flags_t __mpc_legacy_to_vma_flags(vm_flags_t flags)
{
	__mpc_vma_flags_t ret = EMPTY_VMA_FLAGS;

	ret.__vma_flags[0] = flags;
	return ret;
}

/**
 * __mpc_vma_flags_is_cow_mapping() - compat vma_flags_is_cow_mapping()
 * @flags: VMA flags
 *
 * Return: true if the flags describe a private writable (CoW) mapping.
 */
static inline bool __mpc_vma_flags_is_cow_mapping(const __mpc_vma_flags_t *flags)
{
	return __mpc_vma_flags_test(flags, VMA_MAYWRITE_BIT) &&
		!__mpc_vma_flags_test(flags, VMA_SHARED_BIT);
}

/**
 * __mpc_vma_desc_test() - compat vma_desc_test(): test one flag of a descriptor
 * @desc: the VMA descriptor
 * @bit: a VMA_*_BIT
 *
 * Return: true if @bit is set in @desc->vma_flags.
 */
static __always_inline bool __mpc_vma_desc_test(const struct __mpc_vm_area_desc *desc,
						__mpc_vma_flag_t bit)
{
	return __mpc_vma_flags_test(&desc->vma_flags, bit);
}

/**
 * __mpc_vma_desc_test_any_mask() - compat vma_desc_test_any_mask()
 * @desc: the VMA descriptor
 * @flags: the flags looked for
 *
 * vma_desc_test_any(desc, bits...) wraps it.
 *
 * Return: true if any flag of @flags is set in @desc->vma_flags.
 */
static __always_inline bool
__mpc_vma_desc_test_any_mask(const struct __mpc_vm_area_desc *desc,
			     __mpc_vma_flags_t flags)
{
	return __mpc_vma_flags_test_any_mask(&desc->vma_flags, flags);
}

/**
 * __mpc_vma_desc_test_all_mask() - compat vma_desc_test_all_mask()
 * @desc: the VMA descriptor
 * @flags: the flags looked for
 *
 * vma_desc_test_all(desc, bits...) wraps it.
 *
 * Return: true if every flag of @flags is set in @desc->vma_flags.
 */
static __always_inline bool
__mpc_vma_desc_test_all_mask(const struct __mpc_vm_area_desc *desc,
			     __mpc_vma_flags_t flags)
{
	return __mpc_vma_flags_test_all_mask(&desc->vma_flags, flags);
}

/**
 * __mpc_vma_desc_set_flags_mask() - compat vma_desc_set_flags_mask()
 * @desc: the VMA descriptor
 * @flags: the flags to set
 *
 * vma_desc_set_flags(desc, bits...) wraps it.
 */
static __always_inline void
__mpc_vma_desc_set_flags_mask(struct __mpc_vm_area_desc *desc,
			      __mpc_vma_flags_t flags)
{
	__mpc_vma_flags_set_mask(&desc->vma_flags, flags);
}

/**
 * __mpc_vma_desc_clear_flags_mask() - compat vma_desc_clear_flags_mask()
 * @desc: the VMA descriptor
 * @flags: the flags to clear
 *
 * vma_desc_clear_flags(desc, bits...) wraps it.
 */
static __always_inline void
__mpc_vma_desc_clear_flags_mask(struct __mpc_vm_area_desc *desc,
				__mpc_vma_flags_t flags)
{
	__mpc_vma_flags_clear_mask(&desc->vma_flags, flags);
}

/* The upstream names. Some are macros on 6.19 - 7.1, hence the #undefs. */
#undef mk_vma_flags
#define mk_vma_flags(...) \
	__mpc_mk_vma_flags(EMPTY_VMA_FLAGS, __MPC_NR_VMA_BITS(__VA_ARGS__), \
			   __MPC_VMA_BITS(__VA_ARGS__))
#undef append_vma_flags
#define append_vma_flags(flags, ...) \
	__mpc_mk_vma_flags(flags, __MPC_NR_VMA_BITS(__VA_ARGS__), \
			   __MPC_VMA_BITS(__VA_ARGS__))
#undef vma_flags_empty
#define vma_flags_empty			__mpc_vma_flags_empty
#undef vma_flags_test
#define vma_flags_test			__mpc_vma_flags_test
#undef vma_flags_test_any_mask
#define vma_flags_test_any_mask		__mpc_vma_flags_test_any_mask
#undef vma_flags_test_any
#define vma_flags_test_any(flags, ...) \
	__mpc_vma_flags_test_any_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_test_all_mask
#define vma_flags_test_all_mask		__mpc_vma_flags_test_all_mask
#undef vma_flags_test_all
#define vma_flags_test_all(flags, ...) \
	__mpc_vma_flags_test_all_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_set_flag
#define vma_flags_set_flag		__mpc_vma_flags_set_flag
#undef vma_flags_set_mask
#define vma_flags_set_mask		__mpc_vma_flags_set_mask
#undef vma_flags_set
#define vma_flags_set(flags, ...) \
	__mpc_vma_flags_set_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_clear_mask
#define vma_flags_clear_mask		__mpc_vma_flags_clear_mask
#undef vma_flags_clear
#define vma_flags_clear(flags, ...) \
	__mpc_vma_flags_clear_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_count
#define vma_flags_count			__mpc_vma_flags_count
#undef vma_flags_and_mask
#define vma_flags_and_mask		__mpc_vma_flags_and_mask
#undef vma_flags_and
#define vma_flags_and(flags, ...) \
	__mpc_vma_flags_and_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_test_single_mask
#define vma_flags_test_single_mask	__mpc_vma_flags_test_single_mask
#undef mk_vma_flags_from_masks
#define mk_vma_flags_from_masks(...) \
	__mpc_mk_vma_flags_from_masks(__MPC_NR_VMA_MASKS(__VA_ARGS__), \
				      __MPC_VMA_MASKS(__VA_ARGS__))
#undef vma_flags_diff_pair
#define vma_flags_diff_pair		__mpc_vma_flags_diff_pair
#undef vma_flags_same_pair
#define vma_flags_same_pair		__mpc_vma_flags_same_pair
#undef vma_flags_same_mask
#define vma_flags_same_mask		__mpc_vma_flags_same_mask
#undef vma_flags_same
#define vma_flags_same(flags, ...) \
	__mpc_vma_flags_same_mask(flags, mk_vma_flags(__VA_ARGS__))
#undef vma_flags_clear_all
#define vma_flags_clear_all		__mpc_vma_flags_clear_all
#undef vma_flags_to_legacy
#define vma_flags_to_legacy		__mpc_vma_flags_to_legacy
#undef legacy_to_vma_flags
#define legacy_to_vma_flags		__mpc_legacy_to_vma_flags
#undef vma_flags_is_cow_mapping
#define vma_flags_is_cow_mapping	__mpc_vma_flags_is_cow_mapping

#undef vma_desc_test
#define vma_desc_test			__mpc_vma_desc_test
#undef vma_desc_test_any_mask
#define vma_desc_test_any_mask		__mpc_vma_desc_test_any_mask
#undef vma_desc_test_any
#define vma_desc_test_any(desc, ...) \
	__mpc_vma_desc_test_any_mask(desc, mk_vma_flags(__VA_ARGS__))
#undef vma_desc_test_all_mask
#define vma_desc_test_all_mask		__mpc_vma_desc_test_all_mask
#undef vma_desc_test_all
#define vma_desc_test_all(desc, ...) \
	__mpc_vma_desc_test_all_mask(desc, mk_vma_flags(__VA_ARGS__))
#undef vma_desc_set_flags_mask
#define vma_desc_set_flags_mask		__mpc_vma_desc_set_flags_mask
#undef vma_desc_set_flags
#define vma_desc_set_flags(desc, ...) \
	__mpc_vma_desc_set_flags_mask(desc, mk_vma_flags(__VA_ARGS__))
#undef vma_desc_clear_flags_mask
#define vma_desc_clear_flags_mask	__mpc_vma_desc_clear_flags_mask
#undef vma_desc_clear_flags
#define vma_desc_clear_flags(desc, ...) \
	__mpc_vma_desc_clear_flags_mask(desc, mk_vma_flags(__VA_ARGS__))

/* 7.3: the access permission flags. */
#undef VMA_ACCESS_FLAGS
#define VMA_ACCESS_FLAGS \
	mk_vma_flags(VMA_READ_BIT, VMA_WRITE_BIT, VMA_EXEC_BIT)

/*
 * 7.3's masks of optional flags: one flag where this kernel has it,
 * EMPTY_VMA_FLAGS where it does not, so that a bit the kernel lacks is never
 * materialised (for vma_flags_test_single_mask() and
 * mk_vma_flags_from_masks()).
 */
#define __MPC_VMA_MASK(vm, bit)	((vm) ? mk_vma_flags(bit) : EMPTY_VMA_FLAGS)
#undef VMA_UFFD_MISSING
#undef VMA_UFFD_WP
#undef VMA_UFFD_MINOR
#undef VMA_UFFD_RWP
#undef VMA_DROPPABLE
#undef VMA_SHADOW_STACK
#undef VMA_GROWSUP
#ifdef VM_UFFD_MISSING
#define VMA_UFFD_MISSING	__MPC_VMA_MASK(VM_UFFD_MISSING, VMA_UFFD_MISSING_BIT)
#else
#define VMA_UFFD_MISSING	EMPTY_VMA_FLAGS
#endif
#ifdef VM_UFFD_WP
#define VMA_UFFD_WP		__MPC_VMA_MASK(VM_UFFD_WP, VMA_UFFD_WP_BIT)
#else
#define VMA_UFFD_WP		EMPTY_VMA_FLAGS
#endif
#ifdef VM_UFFD_MINOR
#define VMA_UFFD_MINOR		__MPC_VMA_MASK(VM_UFFD_MINOR, VMA_UFFD_MINOR_BIT)
#else
#define VMA_UFFD_MINOR		EMPTY_VMA_FLAGS
#endif
#ifdef VM_UFFD_RWP
#define VMA_UFFD_RWP		__MPC_VMA_MASK(VM_UFFD_RWP, VMA_UFFD_RWP_BIT)
#else
#define VMA_UFFD_RWP		EMPTY_VMA_FLAGS
#endif
#ifdef VM_DROPPABLE
#define VMA_DROPPABLE		__MPC_VMA_MASK(VM_DROPPABLE, VMA_DROPPABLE_BIT)
#else
#define VMA_DROPPABLE		EMPTY_VMA_FLAGS
#endif
#ifdef VM_SHADOW_STACK
#define VMA_SHADOW_STACK	__MPC_VMA_MASK(VM_SHADOW_STACK, VMA_SHADOW_STACK_BIT)
#else
#define VMA_SHADOW_STACK	EMPTY_VMA_FLAGS
#endif
#ifdef VM_GROWSUP
#define VMA_GROWSUP		__MPC_VMA_MASK(VM_GROWSUP, VMA_GROWSUP_BIT)
#else
#define VMA_GROWSUP		EMPTY_VMA_FLAGS
#endif

/* 7.3: the flags every PFN remap sets. */
#undef VMA_REMAP_FLAGS
#define VMA_REMAP_FLAGS \
	mk_vma_flags(VMA_IO_BIT, VMA_PFNMAP_BIT, VMA_DONTEXPAND_BIT, \
		     VMA_DONTDUMP_BIT)
/* 7.3: the flags that make a mapping special (never merged). */
#undef VMA_SPECIAL_FLAGS
#define VMA_SPECIAL_FLAGS \
	mk_vma_flags(VMA_IO_BIT, VMA_DONTEXPAND_BIT, VMA_PFNMAP_BIT, \
		     VMA_MIXEDMAP_BIT)

#endif /* _MMAP_PREPARE_COMPAT_VMA_FLAGS_H */
