/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: the 7.3 vm_area_desc helpers (include/linux/mm.h in 7.3).
 */
#ifndef _MMAP_PREPARE_COMPAT_DESC_H
#define _MMAP_PREPARE_COMPAT_DESC_H

#include <mmap_prepare_compat/types.h>
#include <mmap_prepare_compat/vma_flags.h>

/**
 * __mpc_vma_desc_size() - compat vma_desc_size()
 * @desc: the VMA descriptor
 *
 * Return: the size of the VMA in bytes.
 */
static inline unsigned long __mpc_vma_desc_size(const struct __mpc_vm_area_desc *desc)
{
	return desc->end - desc->start;
}

/**
 * __mpc_vma_desc_pages() - compat vma_desc_pages()
 * @desc: the VMA descriptor
 *
 * Return: the size of the VMA in pages.
 */
static inline unsigned long __mpc_vma_desc_pages(const struct __mpc_vm_area_desc *desc)
{
	return __mpc_vma_desc_size(desc) >> PAGE_SHIFT;
}

/**
 * __mpc_vma_desc_set_anonymous() - compat vma_desc_set_anonymous()
 * @desc: the VMA descriptor
 *
 * Makes the mapping anonymous, as /dev/zero does for private mappings.
 */
static inline void __mpc_vma_desc_set_anonymous(struct __mpc_vm_area_desc *desc)
{
	desc->vm_ops = NULL;
}

/**
 * __mpc_vma_desc_is_cow_mapping() - compat vma_desc_is_cow_mapping()
 * @desc: the VMA descriptor
 *
 * Return: true for a private writable (copy-on-write) mapping.
 */
static inline bool __mpc_vma_desc_is_cow_mapping(struct __mpc_vm_area_desc *desc)
{
	return __mpc_vma_flags_is_cow_mapping(&desc->vma_flags);
}

static inline bool __mpc_range_is_subset(unsigned long outer_start,
					 unsigned long outer_end,
					 unsigned long inner_start,
					 unsigned long inner_end)
{
	return outer_start <= inner_start && inner_end <= outer_end;
}

/**
 * __mpc_range_in_vma_desc() - compat range_in_vma_desc()
 * @desc: the VMA descriptor, may be NULL
 * @start: start of the range
 * @end: exclusive end of the range
 *
 * Return: true if [@start, @end) lies within the VMA @desc describes.
 */
static inline bool __mpc_range_in_vma_desc(const struct __mpc_vm_area_desc *desc,
					   unsigned long start, unsigned long end)
{
	if (!desc)
		return false;

	return __mpc_range_is_subset(desc->start, desc->end, start, end);
}

#undef vma_desc_size
#define vma_desc_size			__mpc_vma_desc_size
#undef vma_desc_pages
#define vma_desc_pages			__mpc_vma_desc_pages
#undef vma_desc_set_anonymous
#define vma_desc_set_anonymous		__mpc_vma_desc_set_anonymous
#undef vma_desc_is_cow_mapping
#define vma_desc_is_cow_mapping		__mpc_vma_desc_is_cow_mapping
#undef range_in_vma_desc
#define range_in_vma_desc		__mpc_range_in_vma_desc

#endif /* _MMAP_PREPARE_COMPAT_DESC_H */
