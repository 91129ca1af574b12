// SPDX-License-Identifier: GPL-2.0
/*
 * The layer embedded in a driver that is not GPL-compatible
 * (MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS, the "nogpl" build of run.sh): no PFN
 * remap at all, so no page-table clear on failure; kernel pages and the
 * no-action path as everywhere; flags written without the VMA lock.
 */
#include "harness.h"

static struct file file_a;
static struct page *unit_pages[UNIT_PAGES];
static int nogpl_type;
static int nogpl_mapped_ret;
static unsigned int nr_close;

static void nogpl_close(struct vm_area_struct *vma)
{
	stub_event("close");
	nr_close++;
}

static int nogpl_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
			const struct file *file, void **vm_private_data)
{
	stub_event("mapped");
	return nogpl_mapped_ret;
}

static const struct vm_operations_struct nogpl_ops = { .close = nogpl_close };

/* -1: kernel pages; 0: no action; otherwise that action type, set by hand. */
static int nogpl_prepare(struct vm_area_desc *desc)
{
	stub_event("hook");
	desc->vm_ops = &nogpl_ops;
	if (nogpl_type < 0)
		mmap_action_map_kernel_pages_full(desc, unit_pages);
	else if (nogpl_type > 0)
		desc->action.type = nogpl_type;
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(nogpl_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&nogpl_ops, nogpl_mapped));

static const struct file_operations nogpl_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(nogpl_prepare),
};

static int nogpl_mmap(int type, int mapped_ret, struct vm_area_struct *vma)
{
	nogpl_type = type;
	nogpl_mapped_ret = mapped_ret;
	nr_close = 0;
	unit_file_init(&file_a, "file_a", &nogpl_fops);
	unit_vma_init(vma, UNIT_SHARED_FLAGS, NULL);
	return unit_kernel_mmap(&file_a, vma, NULL);
}

/* A PFN remap action set by hand (the helpers do not build) is refused. */
static void nogpl_prepare_refuses_pfn_remap_actions(void)
{
	static const int types[] = {
		MMAP_REMAP_PFN, MMAP_IO_REMAP_PFN, MMAP_SIMPLE_IO_REMAP,
	};
	struct vm_area_struct vma;
	unsigned int i;

	EXPECT_WARNINGS();	/* pr_warn_once(): use shared mode */
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		stub_reset();
		CHECK_EQ(nogpl_mmap(types[i], 0, &vma), -EOPNOTSUPP);
		CHECK_STR(stub.events, "hook");
		CHECK_EQ(stub.nr_remap, 0);
		CHECK_EQ(nr_close, 0);
		CHECK_EQ(file_a.f_count, 1);
	}
}

static void nogpl_kernel_pages_and_mapped(void)
{
	struct vm_area_struct vma;

	CHECK_EQ(nogpl_mmap(-1, 0, &vma), 0);
	CHECK_STR(stub.events, "hook,vm_insert_pages,mapped");
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | VM_MIXEDMAP);
	unit_kernel_munmap(&vma);
}

/*
 * ->close after a failed ->mapped, as 7.3 does; inserted kernel pages keep
 * their references, so no page-table clear is needed (nor made).
 */
static void nogpl_failed_mapped_closes_without_zap(void)
{
	struct vm_area_struct vma;

	CHECK_EQ(nogpl_mmap(-1, -ENOMEM, &vma), -ENOMEM);
	CHECK_STR(stub.events, "hook,vm_insert_pages,mapped,close");
	CHECK_EQ(stub.nr_zap, 0);
	CHECK_EQ(nr_close, 1);
	CHECK_EQ(file_a.f_count, 1);
}

static void nogpl_no_action(void)
{
	struct vm_area_struct vma;

	CHECK_EQ(nogpl_mmap(0, 0, &vma), 0);
	CHECK_STR(stub.events, "hook,mapped");
	CHECK(vma.vm_ops == &nogpl_ops);
	unit_kernel_munmap(&vma);
}

/* vm_flags_set() write-locks the VMA (GPL-only on 7.x): not used here. */
static void nogpl_flags_without_the_vma_lock(void)
{
	struct vm_area_struct vma;

	CHECK_EQ(nogpl_mmap(-1, 0, &vma), 0);
	CHECK_EQ(stub.nr_vm_flags_set, 0);
	CHECK_EQ(stub.nr_vm_flags_clear, 0);
	CHECK_EQ(stub.nr_vm_flags_init, 1);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | VM_MIXEDMAP);
	unit_kernel_munmap(&vma);
}

static const struct unit_test nogpl_tests[] = {
	UNIT_TEST(nogpl_prepare_refuses_pfn_remap_actions),
	UNIT_TEST(nogpl_kernel_pages_and_mapped),
	UNIT_TEST(nogpl_failed_mapped_closes_without_zap),
	UNIT_TEST(nogpl_no_action),
	UNIT_TEST(nogpl_flags_without_the_vma_lock),
};

UNIT_SUITE(nogpl, nogpl_tests);
