// SPDX-License-Identifier: GPL-2.0
/*
 * The stub kernel: mocks of the old kernel's building blocks the compat
 * layer calls, with the old kernel's own checks, and the bookkeeping behind
 * WARN_ON_ONCE(), BUG_ON() and file references.
 */
#include <stdio.h>

#include "stub.h"

struct stub_state stub;
int stub_locks_held;

static struct stub_warn_site *stub_sites;

void stub_event(const char *name)
{
	size_t len = strlen(stub.events);

	snprintf(stub.events + len, sizeof(stub.events) - len, "%s%s",
		 len ? "," : "", name);
}

void stub_warn_hit(struct stub_warn_site *site, const char *func,
		   const char *cond)
{
	if (!site->registered) {
		site->registered = true;
		site->next = stub_sites;
		stub_sites = site;
	}
	site->hits++;
	if (site->once && site->warned)
		return;
	site->warned = true;
	site->warnings++;
	stub.warnings++;
	fprintf(stderr, "# WARNING: at %s:%d %s(): %s\n", site->file,
		site->line, func, cond);
}

void stub_bug_hit(const char *file, int line, const char *func,
		  const char *cond)
{
	stub.bugs++;
	fprintf(stderr, "# BUG: at %s:%d %s(): %s\n", file, line, func, cond);
}

void stub_reset(void)
{
	struct stub_warn_site *site;

	memset(&stub, 0, sizeof(stub));
	for (site = stub_sites; site; site = site->next) {
		site->warned = false;
		site->warnings = 0;
		site->hits = 0;
	}
}

unsigned int stub_warnings_in(const char *file)
{
	size_t len = strlen(file);
	struct stub_warn_site *site;
	unsigned int n = 0;

	for (site = stub_sites; site; site = site->next) {
		size_t flen = strlen(site->file);

		if (flen >= len && !strcmp(site->file + flen - len, file))
			n += site->warnings;
	}
	return n;
}

unsigned int stub_warn_sites(void)
{
	struct stub_warn_site *site;
	unsigned int n = 0;

	for (site = stub_sites; site; site = site->next)
		n += site->warnings != 0;
	return n;
}

unsigned int stub_warn_max_per_site(void)
{
	struct stub_warn_site *site;
	unsigned int max = 0;

	for (site = stub_sites; site; site = site->next)
		if (site->warnings > max)
			max = site->warnings;
	return max;
}

struct file *get_file(struct file *f)
{
	if (f->f_count <= 0) {
		stub.file_errors++;
		fprintf(stderr, "# %s() on dead file %s\n", __func__, f->name);
	}
	f->f_count++;
	return f;
}

void fput(struct file *f)
{
	if (f->f_count <= 0) {
		stub.file_errors++;
		fprintf(stderr, "# %s() on dead file %s (double put)\n",
			__func__, f->name);
	}
	f->f_count--;
}

static void stub_vma_or_flags(struct vm_area_struct *vma, vm_flags_t flags)
{
#if STUB_LINUX_VERSION >= 603
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

#if STUB_LINUX_VERSION >= 603
void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	stub.nr_vm_flags_set++;
	vma->__vm_flags |= flags;
}

void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags)
{
	stub.nr_vm_flags_clear++;
	vma->__vm_flags &= ~flags;
}

void vm_flags_init(struct vm_area_struct *vma, vm_flags_t flags)
{
	stub.nr_vm_flags_init++;
	vma->__vm_flags = flags;
}
#endif

#if STUB_LINUX_VERSION >= 511
/* 5.11+ mm/util.c: the VMA takes its own reference on @file. */
void vma_set_file(struct vm_area_struct *vma, struct file *file)
{
	struct file *old = vma->vm_file;

	stub.nr_vma_set_file++;
	get_file(file);
	vma->vm_file = file;
	fput(old);
}
#endif

/*
 * 5.10 - 6.12 remap_pfn_range(): the CoW rule (a private writable mapping
 * must be remapped whole, and vm_pgoff becomes the PFN), then
 * VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP, then the page tables.
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot)
{
	unsigned long end = addr + PAGE_ALIGN(size);
	struct stub_remap_call *call;

	stub_event("remap_pfn_range");
	if (stub.nr_remap < STUB_MAX_CALLS) {
		call = &stub.remap[stub.nr_remap];
		call->vma = vma;
		call->addr = addr;
		call->pfn = pfn;
		call->size = size;
		call->prot = prot;
		call->vm_flags = vma->vm_flags;
		call->vm_pgoff = vma->vm_pgoff;
		call->vm_ops = vma->vm_ops;
		call->vm_private_data = vma->vm_private_data;
		call->vm_file = vma->vm_file;
	}
	stub.nr_remap++;

	if (WARN_ON_ONCE(!PAGE_ALIGNED(addr)))
		return -EINVAL;

	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}

	stub_vma_or_flags(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);

	BUG_ON(addr >= end);
	if (addr >= end)
		return -EINVAL;
	if (addr < vma->vm_start || end > vma->vm_end) {
		/* The page tables would be written outside the VMA. */
		BUG_ON(1);
		return -EINVAL;
	}

	if (!stub.remap_fail)
		stub.ptes += (end - addr) >> PAGE_SHIFT;
	return stub.remap_fail;
}

/* 4.18 - 7.0 zap_vma_ptes(): clears the PTEs of a VM_PFNMAP range only. */
void zap_vma_ptes(struct vm_area_struct *vma, unsigned long address,
		  unsigned long size)
{
	stub_event("zap");
	stub.nr_zap++;
	if (address < vma->vm_start || address + size > vma->vm_end ||
	    !(vma->vm_flags & VM_PFNMAP))
		return;
	stub.ptes = 0;
}

/* 5.10 - 6.12 vm_insert_pages(): range check, VM_MIXEDMAP, insert. */
int vm_insert_pages(struct vm_area_struct *vma, unsigned long addr,
		    struct page **pages, unsigned long *num)
{
	const unsigned long end_addr = addr + (*num * PAGE_SIZE) - 1;
	struct stub_insert_call *call;

	stub_event("vm_insert_pages");
	if (stub.nr_insert < STUB_MAX_CALLS) {
		call = &stub.insert[stub.nr_insert];
		call->vma = vma;
		call->addr = addr;
		call->pages = pages;
		call->num = *num;
		call->vm_flags = vma->vm_flags;
		call->vm_ops = vma->vm_ops;
	}
	stub.nr_insert++;

	if (addr < vma->vm_start || end_addr >= vma->vm_end)
		return -EFAULT;
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		BUG_ON(mmap_read_trylock(vma->vm_mm));
		BUG_ON(vma->vm_flags & VM_PFNMAP);
		stub_vma_or_flags(vma, VM_MIXEDMAP);
	}
	if (stub.insert_fail)
		return stub.insert_fail;
	*num = 0;
	return 0;
}
