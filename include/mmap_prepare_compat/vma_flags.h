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
	return test_bit((__force int)bit, flags->__vma_flags);
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
