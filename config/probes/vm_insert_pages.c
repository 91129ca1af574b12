// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_insert_pages
 * Macro:    HAVE_VM_INSERT_PAGES
 * Since:    5.8
 * Upstream: "mm/memory.c: add vm_insert_pages()" (Arjun Roy); commit id
 *           unconfirmed
 * Export:   vm_insert_pages
 * Fallback: vm_insert_page() loop
 *
 * int vm_insert_pages(struct vm_area_struct *, unsigned long,
 * struct page **, unsigned long *), exported.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct page;

static void __maybe_unused mpc_probe_vm_insert_pages(void)
{
	int (*fn)(struct vm_area_struct *, unsigned long, struct page **,
		  unsigned long *) = vm_insert_pages;

	(void)fn;
}
