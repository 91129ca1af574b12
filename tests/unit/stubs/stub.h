/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test-facing side of the stub kernel: what the mocks recorded, failure
 * injection, and the warning, BUG and file reference bookkeeping.
 */
#ifndef _MPC_UNIT_STUB_H
#define _MPC_UNIT_STUB_H

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/spinlock.h>

#define STUB_MAX_CALLS	8

/* One remap_pfn_range() call, with the VMA as it was on entry. */
struct stub_remap_call {
	struct vm_area_struct *vma;
	unsigned long addr;
	unsigned long pfn;
	unsigned long size;
	pgprot_t prot;
	vm_flags_t vm_flags;
	unsigned long vm_pgoff;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	struct file *vm_file;
};

/* One vm_insert_pages() call, with the VMA's flags on entry. */
struct stub_insert_call {
	struct vm_area_struct *vma;
	unsigned long addr;
	struct page **pages;
	unsigned long num;
	vm_flags_t vm_flags;
	const struct vm_operations_struct *vm_ops;
};

struct stub_state {
	struct stub_remap_call remap[STUB_MAX_CALLS];
	unsigned int nr_remap;
	int remap_fail;		/* != 0: remap_pfn_range() fails with it */
	struct stub_insert_call insert[STUB_MAX_CALLS];
	unsigned int nr_insert;
	int insert_fail;	/* != 0: vm_insert_pages() fails with it */
	unsigned int nr_vm_flags_set;
	unsigned int nr_vm_flags_clear;
	unsigned int nr_vm_flags_init;
	unsigned int nr_vma_set_file;
	unsigned long ptes;	/* PFN PTEs remap_pfn_range() left in place */
	unsigned int nr_zap;
	unsigned int warnings;	/* warnings emitted since the last reset */
	unsigned int bugs;	/* BUG_ON()s hit since the last reset */
	unsigned int file_errors; /* fput() below zero, get_file() on a dead file */
	char events[512];	/* "name,name,..." in call order */
};

extern struct stub_state stub;

/* Forget every record and injection, re-arm every WARN_ON_ONCE() site. */
void stub_reset(void);
/* Append @name to stub.events. */
void stub_event(const char *name);
/* Warnings emitted since the last reset at sites in a file ending in @file. */
unsigned int stub_warnings_in(const char *file);
/* Sites that warned since the last reset; at most one per site if once. */
unsigned int stub_warn_sites(void);
/* Largest number of warnings one site emitted since the last reset. */
unsigned int stub_warn_max_per_site(void);

/* Set a VMA's flags in a test, whichever way the stub kernel allows. */
static inline void stub_vma_set_flags(struct vm_area_struct *vma, vm_flags_t f)
{
#if STUB_LINUX_VERSION >= 603
	vma->__vm_flags = f;
#else
	vma->vm_flags = f;
#endif
}

#endif /* _MPC_UNIT_STUB_H */
