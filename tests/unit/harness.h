/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small TAP harness for the userland unit tests of the compat layer, in
 * the spirit of tools/testing/vma/. Each test is a void function; a failed
 * CHECK() ends it. After each test the harness also fails it for a BUG_ON()
 * hit, a file reference error, or a warning the test did not announce with
 * EXPECT_WARNINGS().
 */
#ifndef _MPC_UNIT_HARNESS_H
#define _MPC_UNIT_HARNESS_H

#include <stdio.h>

#include "stub.h"

#include <linux/mmap_prepare_compat.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
};

struct unit_suite {
	const char *name;
	const struct unit_test *tests;
	unsigned int nr;
};

#define UNIT_TEST(fn)	{ #fn, fn }
#define UNIT_SUITE(sname, table)					\
	const struct unit_suite suite_##sname = {			\
		.name = #sname, .tests = table, .nr = ARRAY_SIZE(table)	\
	}

/* The suites, defined with UNIT_SUITE() in the test_*.c files. */
extern const struct unit_suite suite_helpers, suite_flags, suite_action,
	suite_prepare, suite_complete, suite_mmap, suite_stacked, suite_nogpl;

extern bool unit_expect_warnings;
#define EXPECT_WARNINGS()	(unit_expect_warnings = true)

/* The kernel's __printf() from <linux/compiler_attributes.h>. */
#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif

__printf(3, 4)
void unit_fail(const char *file, int line, const char *fmt, ...);

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		unit_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);	\
		return;							\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	unsigned long long __ca = (unsigned long long)(a);		\
	unsigned long long __cb = (unsigned long long)(b);		\
	if (__ca != __cb) {						\
		unit_fail(__FILE__, __LINE__,				\
			  "%s == %s: %lld (%#llx) != %lld (%#llx)",	\
			  #a, #b, (long long)__ca, __ca,		\
			  (long long)__cb, __cb);			\
		return;							\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *__sa = (a), *__sb = (b);				\
	if (strcmp(__sa, __sb)) {					\
		unit_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", \
			  #a, #b, __sa, __sb);				\
		return;							\
	}								\
} while (0)

/* Fixtures (fixture.c). */
#define UNIT_START	0x7f0000000000UL
#define UNIT_PAGES	8
#define UNIT_END	(UNIT_START + UNIT_PAGES * PAGE_SIZE)
#define UNIT_PGOFF	3UL
#define UNIT_PROT	(0x25UL | STUB_PAGE_ENC)
/* An I/O PFN as the stub architecture translates it (7.3 semantics). */
#ifdef io_remap_pfn_range_pfn
#define UNIT_IO_PFN(pfn)	io_remap_pfn_range_pfn(pfn, 0)
#else
#define UNIT_IO_PFN(pfn)	(pfn)
#endif

/* Shared, read/write mapping flags; private writable ones for CoW. */
#define UNIT_SHARED_FLAGS \
	(VM_READ | VM_WRITE | VM_SHARED | VM_MAYREAD | VM_MAYWRITE | VM_MAYSHARE)
#define UNIT_PRIVATE_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE)

extern struct mm_struct unit_mm;
extern const struct vm_operations_struct unit_dummy_vm_ops;

void unit_file_init(struct file *file, const char *name,
		    const struct file_operations *fops);
void unit_vma_init(struct vm_area_struct *vma, vm_flags_t flags,
		   struct file *file);
void unit_desc_init(struct vm_area_desc *desc, vm_flags_t flags);

/*
 * The old kernel's mmap_region() around f_op->mmap (5.10 - 6.12): the VMA
 * gets its own reference to @file; on error the kernel drops the reference
 * of @file itself (not of vma->vm_file) and frees the VMA. @vm_file_on_return
 * receives vma->vm_file as the hook left it.
 */
int unit_kernel_mmap(struct file *file, struct vm_area_struct *vma,
		     struct file **vm_file_on_return);
/* munmap() of a VMA that unit_kernel_mmap() set up: drops its file. */
void unit_kernel_munmap(struct vm_area_struct *vma);

#endif /* _MPC_UNIT_HARNESS_H */
