// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_map_kernel_pages
 * Macro:    HAVE_MMAP_ACTION_MAP_KERNEL_PAGES
 * Since:    7.1
 * Summary:  ``MMAP_MAP_KERNEL_PAGES`` + helpers
 * Upstream: 62c65fd740e9 ("mm: add mmap_action_map_kernel_pages[_full]()"),
 *           7.1
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7
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
