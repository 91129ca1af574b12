// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_map_kernel_pages
 * Macro:    HAVE_MMAP_ACTION_MAP_KERNEL_PAGES
 * Since:    7.1
 * Summary:  ``MMAP_MAP_KERNEL_PAGES`` + helpers
 * Upstream: "mm: add mmap_action_map_kernel_pages[_full]()" (Lorenzo Stoakes,
 *           posted 2026-03-16, merged for 7.1); commit id unconfirmed
 * Confirmed: unconfirmed: the search tool found the review thread on LKML only
 * Export:   none
 * Fallback: compat action, completed with vm_insert_pages()
 *
 * enum mmap_action_type has MMAP_MAP_KERNEL_PAGES and both helpers exist
 * with their 7.1 signatures.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;
struct page;

static void __maybe_unused mpc_probe_mmap_action_map_kernel_pages(void)
{
	enum mmap_action_type type = MMAP_MAP_KERNEL_PAGES;
	void (*part)(struct vm_area_desc *, unsigned long, struct page **,
		     unsigned long) = mmap_action_map_kernel_pages;
	void (*full)(struct vm_area_desc *, struct page **) =
		mmap_action_map_kernel_pages_full;

	(void)type;
	(void)part;
	(void)full;
}
