// SPDX-License-Identifier: GPL-2.0
/*
 * The whole mmap path: the .mmap trampoline behind MMAP_PREPARE_HOOK() (7.3's
 * direct mmap_prepare path) and the stacking helpers compat_set_desc_from_vma()
 * + __compat_vma_mmap() and compat_vma_mmap() (7.3's compat path), run under
 * the old kernel's mmap_region() as unit_kernel_mmap() models it.
 */
#include "harness.h"

#define REMAP_VM_FLAGS	(VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP)
#define UNIT_PFN	0x5000UL

struct mapped_rec {
	unsigned int calls;
	unsigned long start;
	unsigned long end;
	pgoff_t pgoff;
	const struct file *file;
	void *priv_in;
	unsigned int nr_remap;
	unsigned int nr_insert;
};

static struct {
	int (*body)(struct vm_area_desc *desc);
	unsigned int hook_calls;
	struct vm_area_desc desc_in;
	struct mapped_rec mapped_a;
	struct mapped_rec mapped_b;
	int mapped_ret;
	void *mapped_priv_out;
	int error_override;
	struct file *new_file;
} t;

static struct file file_a, file_b;
static int priv_hook, priv_mapped;
static struct page *unit_pages[UNIT_PAGES];

static unsigned int nr_close;
static unsigned long ptes_at_close;

/* As a driver's ->close that frees the buffer the PFN remap mapped. */
static void unit_close(struct vm_area_struct *vma)
{
	stub_event("close");
	nr_close++;
	ptes_at_close = stub.ptes;
}

static const struct vm_operations_struct ops_a = { .close = unit_close };
static const struct vm_operations_struct ops_b = { .name = NULL };
static const struct vm_operations_struct ops_c = { .name = NULL };

static int unit_prepare(struct vm_area_desc *desc)
{
	stub_event("hook");
	t.hook_calls++;
	t.desc_in = *desc;
	return t.body ? t.body(desc) : 0;
}

static int record_mapped(struct mapped_rec *rec, unsigned long start,
			 unsigned long end, pgoff_t pgoff,
			 const struct file *file, void **vm_private_data)
{
	rec->calls++;
	rec->start = start;
	rec->end = end;
	rec->pgoff = pgoff;
	rec->file = file;
	rec->priv_in = *vm_private_data;
	rec->nr_remap = stub.nr_remap;
	rec->nr_insert = stub.nr_insert;
	if (t.mapped_ret)
		return t.mapped_ret;
	if (t.mapped_priv_out)
		*vm_private_data = t.mapped_priv_out;
	return 0;
}

static int unit_mapped_a(unsigned long start, unsigned long end, pgoff_t pgoff,
			 const struct file *file, void **vm_private_data)
{
	stub_event("mapped");
	return record_mapped(&t.mapped_a, start, end, pgoff, file,
			     vm_private_data);
}

static int unit_mapped_b(unsigned long start, unsigned long end, pgoff_t pgoff,
			 const struct file *file, void **vm_private_data)
{
	stub_event("mapped_b");
	return record_mapped(&t.mapped_b, start, end, pgoff, file,
			     vm_private_data);
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(unit_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&ops_a, unit_mapped_a),
			       MMAP_PREPARE_MAPPED_ENTRY(&ops_b, unit_mapped_b));

static const struct file_operations unit_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(unit_prepare),
};

/* A stacked caller, as the uio core and vmbus are in 7.3. */
static int unit_nested_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, unit_prepare);
	err = unit_prepare(&desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static const struct file_operations unit_nested_fops = {
	.owner = THIS_MODULE,
	.mmap = unit_nested_mmap,
};

/*
 * A stacked caller whose inner hook is a function pointer, as uio's
 * info->mmap_prepare and vmbus's channel->mmap_prepare_ring_buffer are in
 * 7.3: the ->mapped hooks come from the driver's named table.
 */
MMAP_PREPARE_COMPAT_MAPPED_TABLE(unit_table,
				 MMAP_PREPARE_MAPPED_ENTRY(&ops_a, unit_mapped_a),
				 MMAP_PREPARE_MAPPED_ENTRY(&ops_b, unit_mapped_b));

static struct {
	int (*mmap_prepare)(struct vm_area_desc *desc);
	bool skip_nested;	/* the wiring mistake the layer warns about */
} unit_info = { .mmap_prepare = unit_prepare };

static int unit_pointer_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	if (!unit_info.skip_nested)
		MMAP_PREPARE_COMPAT_NESTED(&desc, unit_table);
	err = unit_info.mmap_prepare(&desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static const struct file_operations unit_pointer_fops = {
	.owner = THIS_MODULE,
	.mmap = unit_pointer_mmap,
};

/* A stacked caller that maps through compat_vma_mmap() of its backing file. */
static struct file *unit_backing;

static int unit_stacking_mmap(struct file *file, struct vm_area_struct *vma)
{
	return compat_vma_mmap(unit_backing, vma);
}

static const struct file_operations unit_stacking_fops = {
	.owner = THIS_MODULE,
	.mmap = unit_stacking_mmap,
};

static const struct file_operations unit_nommap_fops = {
	.owner = THIS_MODULE,
};

static void setup(const struct file_operations *fops)
{
	memset(&t, 0, sizeof(t));
	nr_close = 0;
	ptes_at_close = ~0UL;
	unit_file_init(&file_a, "file_a", fops);
	unit_file_init(&file_b, "file_b", &unit_fops);
}

/* Hook bodies. */
static int body_remap_full_ops_a(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_a;
	desc->private_data = &priv_hook;
	mmap_action_remap_full(desc, UNIT_PFN);
	desc->action.error_override = t.error_override;
	if (t.new_file)
		desc->vm_file = t.new_file;
	return 0;
}

static int body_remap_outside_ops_a(struct vm_area_desc *desc)
{
	body_remap_full_ops_a(desc);
	desc->action.remap.size += PAGE_SIZE;
	return 0;
}

static int body_refuse(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_a;
	desc->action.error_override = -EAGAIN;
	return -EACCES;
}

static int body_nothing_ops_b(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_b;
	return 0;
}

static int body_nothing_ops_c(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_c;
	return 0;
}

static int body_anonymous(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_a;
	vma_desc_set_anonymous(desc);
	return 0;
}

static int body_edit_fields(struct vm_area_desc *desc)
{
	desc->pgoff = 9;
	vma_desc_set_flags(desc, VMA_DONTCOPY_BIT, VMA_HIGH_ARCH_2_BIT);
	vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT, VMA_WRITE_BIT);
	desc->page_prot = __pgprot(0x1f);
	desc->vm_ops = &ops_c;
	desc->private_data = &priv_hook;
	return 0;
}

static int body_kpages_ops_a(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_a;
	mmap_action_map_kernel_pages_full(desc, unit_pages);
	desc->action.error_override = t.error_override;
	return 0;
}

static int body_simple_ioremap_ops_a(struct vm_area_desc *desc)
{
	desc->vm_ops = &ops_a;
	mmap_action_simple_ioremap(desc, 0xfe000000ULL, 64 * PAGE_SIZE);
	return 0;
}

/* The direct path: f_op->mmap is the trampoline. */

static void trampoline_passes_vma_state_in_descriptor(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	unit_vma_init(&vma, UNIT_SHARED_FLAGS | VM_HIGH_ARCH_1, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.hook_calls, 1);
	CHECK(t.desc_in.mm == &unit_mm);
	CHECK(t.desc_in.file == &file_a);
	CHECK(t.desc_in.vm_file == &file_a);
	CHECK_EQ(t.desc_in.start, UNIT_START);
	CHECK_EQ(t.desc_in.end, UNIT_END);
	CHECK_EQ(t.desc_in.pgoff, UNIT_PGOFF);
	CHECK_EQ(vma_flags_to_legacy(t.desc_in.vma_flags),
		 UNIT_SHARED_FLAGS | VM_HIGH_ARCH_1);
	CHECK(vma_desc_test(&t.desc_in, VMA_PKEY_BIT1_BIT));
	CHECK_EQ(pgprot_val(t.desc_in.page_prot), UNIT_PROT);
	CHECK(t.desc_in.vm_ops == &unit_dummy_vm_ops);
	CHECK(!t.desc_in.private_data);
	CHECK_EQ(t.desc_in.action.type, MMAP_NOTHING);
	CHECK_EQ(t.desc_in.action.error_override, 0);
	unit_kernel_munmap(&vma);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_applies_descriptor_to_vma(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_edit_fields;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(vma.vm_pgoff, 9);
	CHECK_EQ(vma.vm_flags, (UNIT_SHARED_FLAGS | VM_DONTCOPY | VM_HIGH_ARCH_2) &
		 ~(VM_MAYWRITE | VM_WRITE));
	CHECK_EQ(pgprot_val(vma.vm_page_prot), 0x1f);
	CHECK(vma.vm_ops == &ops_c);
	CHECK(vma.vm_private_data == &priv_hook);
	CHECK(vma.vm_file == &file_a);
	CHECK_EQ(vma.vm_start, UNIT_START);
	CHECK_EQ(vma.vm_end, UNIT_END);
#if STUB_LINUX_VERSION >= 603
	/* 6.3+: through vm_flags_set() and vm_flags_clear() only. */
	CHECK(stub.nr_vm_flags_set >= 1);
	CHECK(stub.nr_vm_flags_clear >= 1);
#endif
	unit_kernel_munmap(&vma);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_runs_hook_then_action_then_mapped(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped");
	/* The action saw the prepared descriptor applied to the VMA. */
	CHECK(stub.remap[0].vm_ops == &ops_a);
	CHECK(stub.remap[0].vm_private_data == &priv_hook);
	CHECK_EQ(stub.remap[0].vm_flags, UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
	CHECK_EQ(stub.remap[0].addr, UNIT_START);
	CHECK_EQ(stub.remap[0].pfn, UNIT_PFN);
	CHECK_EQ(stub.remap[0].size, UNIT_END - UNIT_START);
	CHECK_EQ(pgprot_val(stub.remap[0].prot), UNIT_PROT);
	CHECK_EQ(t.mapped_a.nr_remap, 1);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
	unit_kernel_munmap(&vma);
}

static void trampoline_mapped_gets_range_pgoff_file_and_stores_private(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.mapped_priv_out = &priv_mapped;
	/* Private: the CoW rule turns pgoff into the PFN. */
	unit_vma_init(&vma, UNIT_PRIVATE_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.mapped_a.calls, 1);
	CHECK_EQ(t.mapped_a.start, UNIT_START);
	CHECK_EQ(t.mapped_a.end, UNIT_END);
	CHECK_EQ(t.mapped_a.pgoff, UNIT_PFN);
	CHECK(t.mapped_a.file == &file_a);
	CHECK(t.mapped_a.priv_in == &priv_hook);
	CHECK(vma.vm_private_data == &priv_mapped);
	CHECK_EQ(vma.vm_pgoff, UNIT_PFN);
	CHECK_EQ(stub.remap[0].vm_pgoff, UNIT_PFN);
	unit_kernel_munmap(&vma);
}

static void trampoline_mapped_unchanged_private_data_is_kept(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.mapped_a.calls, 1);
	CHECK_EQ(t.mapped_a.pgoff, UNIT_PGOFF);
	CHECK(vma.vm_private_data == &priv_hook);
	unit_kernel_munmap(&vma);
}

static void trampoline_mapped_is_looked_up_by_vm_ops(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_nothing_ops_b;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.mapped_a.calls, 0);
	CHECK_EQ(t.mapped_b.calls, 1);
	CHECK_STR(stub.events, "hook,mapped_b");
	unit_kernel_munmap(&vma);

	/* Operations without an entry: no ->mapped at all. */
	setup(&unit_fops);
	t.body = body_nothing_ops_c;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.mapped_a.calls + t.mapped_b.calls, 0);
	unit_kernel_munmap(&vma);
}

static void trampoline_anonymous_mapping_has_no_mapped(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_anonymous;
	unit_vma_init(&vma, UNIT_PRIVATE_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK(!vma.vm_ops);
	CHECK_EQ(t.mapped_a.calls, 0);
	unit_kernel_munmap(&vma);
}

static void trampoline_hook_error_is_returned_as_is(void)
{
	struct vm_area_struct vma;
	struct file *vm_file;

	setup(&unit_fops);
	t.body = body_refuse;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	/* error_override does not apply to the hook's own error. */
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, &vm_file), -EACCES);
	CHECK(vm_file == &file_a);
	CHECK(vma.vm_ops == &unit_dummy_vm_ops);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS);
	CHECK_EQ(stub.nr_remap + t.mapped_a.calls, 0);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_prepare_error_leaves_vma_untouched(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_outside_ops_a;
	t.error_override = -EAGAIN;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	/* error_override does not apply to a refused action either. */
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EFAULT);
	CHECK(vma.vm_ops == &unit_dummy_vm_ops);
	CHECK(!vma.vm_private_data);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS);
	CHECK_EQ(vma.vm_pgoff, UNIT_PGOFF);
	CHECK_STR(stub.events, "hook");
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_action_error_skips_mapped(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	stub.remap_fail = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_STR(stub.events, "hook,remap_pfn_range,zap,close");
	CHECK_EQ(t.mapped_a.calls, 0);
	CHECK_EQ(file_a.f_count, 1);
}

/*
 * 7.3's direct path unmaps the new VMA when the action or ->mapped fails,
 * and the unmap calls ->close once; the kernel's .mmap error path does not,
 * so the trampoline must.
 */
static void trampoline_failed_mapped_closes_the_vma_once(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.mapped_ret = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped,zap,close");
	CHECK_EQ(nr_close, 1);
}

/*
 * 7.3's do_munmap() clears the page tables before ->close: a ->close that
 * frees what the PFN remap mapped must find no PTE another thread could
 * still read it through.
 */
static void trampoline_failed_mapped_zaps_ptes_before_close(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.mapped_ret = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_EQ(stub.nr_zap, 1);
	CHECK_EQ(ptes_at_close, 0);
	CHECK_EQ(stub.ptes, 0);

	/* Success leaves the PTEs alone. */
	setup(&unit_fops);
	stub_reset();
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(stub.nr_zap, 0);
	CHECK_EQ(stub.ptes, UNIT_PAGES);
	unit_kernel_munmap(&vma);
}

static void trampoline_success_or_refused_prepare_does_not_close(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	unit_kernel_munmap(&vma);
	CHECK_EQ(nr_close, 0);

	/* No VMA was set up from the descriptor: nothing to close. */
	setup(&unit_fops);
	t.body = body_remap_outside_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EFAULT);
	CHECK_EQ(nr_close, 0);

	setup(&unit_fops);
	t.body = body_refuse;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EACCES);
	CHECK_EQ(nr_close, 0);
}

static void trampoline_mapped_error_is_returned(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.mapped_ret = -ENOMEM;
	t.mapped_priv_out = &priv_mapped;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_EQ(t.mapped_a.calls, 1);
	CHECK(vma.vm_private_data != &priv_mapped);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_error_override_replaces_action_error(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	stub.remap_fail = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EAGAIN);
	CHECK_EQ(t.mapped_a.calls, 0);

	setup(&unit_fops);
	t.body = body_kpages_ops_a;
	t.error_override = -EINTR;
	stub.insert_fail = -EBUSY;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EINTR);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_error_override_replaces_mapped_error(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	t.mapped_ret = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EAGAIN);
	CHECK_EQ(t.mapped_a.calls, 1);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_error_override_unused_on_success(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(t.mapped_a.calls, 1);
	unit_kernel_munmap(&vma);
}

static void trampoline_invalid_error_override_is_einval(void)
{
	struct vm_area_struct vma;

	EXPECT_WARNINGS();
	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = 1;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EINVAL);
	CHECK_STR(stub.events, "hook");
	CHECK_EQ(stub.warnings, 1);
	CHECK_EQ(file_a.f_count, 1);
}

static void trampoline_map_kernel_pages_inserts_into_mixedmap_vma(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_kpages_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,vm_insert_pages,mapped");
	CHECK_EQ(stub.insert[0].vm_flags, UNIT_SHARED_FLAGS | VM_MIXEDMAP);
	CHECK_EQ(stub.insert[0].addr, UNIT_START);
	CHECK_EQ(stub.insert[0].num, UNIT_PAGES);
	CHECK(stub.insert[0].pages == unit_pages);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | VM_MIXEDMAP);
	CHECK_EQ(t.mapped_a.nr_insert, 1);
	unit_kernel_munmap(&vma);
}

static void trampoline_simple_ioremap_remaps_computed_pfn(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_simple_ioremap_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped");
	CHECK_EQ(stub.remap[0].pfn, UNIT_IO_PFN(0xfe000 + UNIT_PGOFF));
	CHECK_EQ(stub.remap[0].addr, UNIT_START);
	CHECK_EQ(stub.remap[0].size, UNIT_END - UNIT_START);
	CHECK_EQ(pgprot_val(stub.remap[0].prot), UNIT_PROT & ~STUB_PAGE_ENC);
	unit_kernel_munmap(&vma);
}

static void trampoline_replaced_vm_file_success_moves_references(void)
{
	struct vm_area_struct vma;

	setup(&unit_fops);
	t.body = body_remap_full_ops_a;
	/* The hook holds a reference on its new file, as 7.3 expects. */
	t.new_file = get_file(&file_b);
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK(vma.vm_file == &file_b);
	CHECK(t.mapped_a.file == &file_b);
	CHECK_EQ(file_a.f_count, 1);	/* the VMA's reference is dropped */
	CHECK_EQ(file_b.f_count, 2);	/* the hook's reference is the VMA's */
	unit_kernel_munmap(&vma);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 1);
}

static void check_replaced_vm_file_failure(int expected)
{
	struct vm_area_struct vma;
	struct file *vm_file = NULL;

	t.body = t.body ?: body_remap_full_ops_a;
	t.new_file = get_file(&file_b);
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, &vm_file), expected);
	/* The original file is back in the VMA for the kernel's error path. */
	CHECK(vm_file == &file_a);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 1);
}

static void trampoline_replaced_vm_file_prepare_failure_restores_file(void)
{
	setup(&unit_fops);
	t.body = body_remap_outside_ops_a;
	check_replaced_vm_file_failure(-EFAULT);
}

static void trampoline_replaced_vm_file_action_failure_restores_file(void)
{
	setup(&unit_fops);
	stub.remap_fail = -ENOMEM;
	check_replaced_vm_file_failure(-ENOMEM);
}

static void trampoline_replaced_vm_file_mapped_failure_restores_file(void)
{
	setup(&unit_fops);
	t.mapped_ret = -ENOSPC;
	check_replaced_vm_file_failure(-ENOSPC);
	CHECK_EQ(t.mapped_a.calls, 1);
}

static const struct unit_test mmap_tests[] = {
	UNIT_TEST(trampoline_passes_vma_state_in_descriptor),
	UNIT_TEST(trampoline_applies_descriptor_to_vma),
	UNIT_TEST(trampoline_runs_hook_then_action_then_mapped),
	UNIT_TEST(trampoline_mapped_gets_range_pgoff_file_and_stores_private),
	UNIT_TEST(trampoline_mapped_unchanged_private_data_is_kept),
	UNIT_TEST(trampoline_mapped_is_looked_up_by_vm_ops),
	UNIT_TEST(trampoline_anonymous_mapping_has_no_mapped),
	UNIT_TEST(trampoline_hook_error_is_returned_as_is),
	UNIT_TEST(trampoline_prepare_error_leaves_vma_untouched),
	UNIT_TEST(trampoline_action_error_skips_mapped),
	UNIT_TEST(trampoline_mapped_error_is_returned),
	UNIT_TEST(trampoline_failed_mapped_closes_the_vma_once),
	UNIT_TEST(trampoline_success_or_refused_prepare_does_not_close),
	UNIT_TEST(trampoline_failed_mapped_zaps_ptes_before_close),
	UNIT_TEST(trampoline_error_override_replaces_action_error),
	UNIT_TEST(trampoline_error_override_replaces_mapped_error),
	UNIT_TEST(trampoline_error_override_unused_on_success),
	UNIT_TEST(trampoline_invalid_error_override_is_einval),
	UNIT_TEST(trampoline_map_kernel_pages_inserts_into_mixedmap_vma),
	UNIT_TEST(trampoline_simple_ioremap_remaps_computed_pfn),
	UNIT_TEST(trampoline_replaced_vm_file_success_moves_references),
	UNIT_TEST(trampoline_replaced_vm_file_prepare_failure_restores_file),
	UNIT_TEST(trampoline_replaced_vm_file_action_failure_restores_file),
	UNIT_TEST(trampoline_replaced_vm_file_mapped_failure_restores_file),
};

UNIT_SUITE(mmap, mmap_tests);

/* The stacked path: compat_set_desc_from_vma() + __compat_vma_mmap(). */

static void stacked_set_desc_from_vma_copies_vma_and_zeroes_rest(void)
{
	struct vm_area_struct vma;
	struct vm_area_desc desc;

	setup(&unit_fops);
	unit_vma_init(&vma, UNIT_PRIVATE_FLAGS | VM_DONTDUMP, &file_a);
	vma.vm_private_data = &priv_hook;
	memset(&desc, 0xa5, sizeof(desc));
	compat_set_desc_from_vma(&desc, &file_b, &vma);
	CHECK(desc.mm == &unit_mm);
	CHECK(desc.file == &file_b);		/* may differ when stacked */
	CHECK(desc.vm_file == &file_a);
	CHECK_EQ(desc.start, UNIT_START);
	CHECK_EQ(desc.end, UNIT_END);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_PRIVATE_FLAGS | VM_DONTDUMP);
	CHECK_EQ(pgprot_val(desc.page_prot), UNIT_PROT);
	CHECK(desc.vm_ops == &unit_dummy_vm_ops);
	CHECK(!desc.private_data);	/* write-only: not read back */
	CHECK_EQ(desc.action.type, MMAP_NOTHING);
	CHECK_EQ(desc.action.error_override, 0);
	CHECK_EQ(desc.action.remap.start, 0);
	CHECK_EQ(desc.action.hide_from_rmap_until_complete, 0);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 1);
}

static void stacked_runs_hook_action_and_nested_mapped(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.mapped_priv_out = &priv_mapped;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped");
	CHECK(t.desc_in.file == &file_a);
	CHECK(stub.remap[0].vm_ops == &ops_a);
	CHECK_EQ(t.mapped_a.start, UNIT_START);
	CHECK_EQ(t.mapped_a.pgoff, UNIT_PGOFF);
	CHECK(t.mapped_a.file == &file_a);
	CHECK(vma.vm_private_data == &priv_mapped);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
	unit_kernel_munmap(&vma);
	CHECK_EQ(file_a.f_count, 1);
}

static void stacked_nested_table_selects_mapped_by_vm_ops(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_nothing_ops_b;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,mapped_b");
	CHECK_EQ(t.mapped_a.calls, 0);
	unit_kernel_munmap(&vma);
}

static void stacked_error_override_not_applied_to_action_error(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	stub.remap_fail = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_EQ(t.mapped_a.calls, 0);
	CHECK_EQ(file_a.f_count, 1);
	/* 7.3's compat path leaves the clean-up to the caller of .mmap. */
	CHECK_STR(stub.events, "hook,remap_pfn_range");
	CHECK_EQ(nr_close, 0);
}

static void stacked_error_override_not_applied_to_mapped_error(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	t.mapped_ret = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENOMEM);
	CHECK_EQ(t.mapped_a.calls, 1);
	CHECK_EQ(file_a.f_count, 1);
}

static void stacked_invalid_error_override_is_einval(void)
{
	struct vm_area_struct vma;

	EXPECT_WARNINGS();
	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.error_override = 4096;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EINVAL);
	CHECK_STR(stub.events, "hook");
	CHECK_EQ(stub_warnings_in("action_prepare.c"), 1);
}

static void stacked_prepare_error_leaves_vma_untouched(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_remap_outside_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EFAULT);
	CHECK(vma.vm_ops == &unit_dummy_vm_ops);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS);
	CHECK_STR(stub.events, "hook");
}

static void stacked_replaced_vm_file_takes_own_reference(void)
{
	struct vm_area_struct vma;

	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.new_file = &file_b;	/* the stacking helpers take their own */
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK(vma.vm_file == &file_b);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 2);
	unit_kernel_munmap(&vma);
	CHECK_EQ(file_b.f_count, 1);
}

static void stacked_replaced_vm_file_failure_restores_file(void)
{
	struct vm_area_struct vma;
	struct file *vm_file = NULL;

	setup(&unit_nested_fops);
	t.body = body_remap_full_ops_a;
	t.new_file = &file_b;
	t.mapped_ret = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, &vm_file), -ENOMEM);
	CHECK(vm_file == &file_a);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 1);

	setup(&unit_nested_fops);
	t.body = body_remap_outside_ops_a;
	t.new_file = &file_b;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, &vm_file), -EFAULT);
	CHECK(vm_file == &file_a);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(file_b.f_count, 1);
}

static void compat_vma_mmap_calls_the_files_mmap(void)
{
	struct vm_area_struct vma;
	struct file backing;

	setup(&unit_stacking_fops);
	unit_file_init(&backing, "backing", &unit_fops);
	unit_backing = &backing;
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped");
	CHECK(t.desc_in.file == &backing);
	CHECK(t.desc_in.vm_file == &file_a);
	unit_kernel_munmap(&vma);

	/* The hook's error comes back unchanged. */
	setup(&unit_stacking_fops);
	t.body = body_refuse;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EACCES);
	CHECK_EQ(file_a.f_count, 1);
	CHECK_EQ(backing.f_count, 1);
}

static void compat_vma_mmap_without_mmap_is_enodev(void)
{
	struct vm_area_struct vma;
	struct file backing;

	setup(&unit_stacking_fops);
	unit_file_init(&backing, "backing", &unit_nommap_fops);
	unit_backing = &backing;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -ENODEV);
	CHECK_EQ(t.hook_calls, 0);
	CHECK_EQ(file_a.f_count, 1);
}

/*
 * 7.3's compat_vma_mmap() runs the hook on the stacked path: the action's or
 * ->mapped's own error, no error_override, no ->close, no page-table clear
 * (the caller of .mmap cleans up).
 */
static void compat_vma_mmap_takes_the_stacked_path(void)
{
	static const struct {
		int remap_fail;
		int mapped_ret;
		int want;
		const char *events;
	} cases[] = {
		{ -ENOMEM, 0, -ENOMEM, "hook,remap_pfn_range" },
		{ 0, -EBUSY, -EBUSY, "hook,remap_pfn_range,mapped" },
		{ 0, 0, 0, "hook,remap_pfn_range,mapped" },
	};
	struct vm_area_struct vma;
	struct file backing;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		setup(&unit_stacking_fops);
		stub_reset();
		unit_file_init(&backing, "backing", &unit_fops);
		unit_backing = &backing;
		t.body = body_remap_full_ops_a;
		t.error_override = -EAGAIN;
		t.mapped_ret = cases[i].mapped_ret;
		stub.remap_fail = cases[i].remap_fail;
		unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
		CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), cases[i].want);
		CHECK_STR(stub.events, cases[i].events);
		CHECK_EQ(nr_close, 0);
		CHECK_EQ(stub.nr_zap, 0);
		CHECK_EQ(stub_locks_held, 0);
		if (!cases[i].want)
			unit_kernel_munmap(&vma);
		CHECK_EQ(file_a.f_count, 1);
		CHECK_EQ(backing.f_count, 1);
	}

	/* Afterwards the same file mmap()'d directly is the direct path again. */
	setup(&unit_fops);
	stub_reset();
	t.body = body_remap_full_ops_a;
	t.error_override = -EAGAIN;
	stub.remap_fail = -ENOMEM;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), -EAGAIN);
	CHECK_EQ(nr_close, 1);
}

static void stacked_pointer_hook_finds_mapped_in_named_table(void)
{
	struct vm_area_struct vma;

	setup(&unit_pointer_fops);
	unit_info.skip_nested = false;
	t.body = body_nothing_ops_b;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,mapped_b");
	CHECK_EQ(t.mapped_b.calls, 1);
	CHECK_EQ(stub_warn_sites(), 0);
	unit_kernel_munmap(&vma);

	setup(&unit_pointer_fops);
	stub_reset();
	t.body = body_remap_full_ops_a;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_STR(stub.events, "hook,remap_pfn_range,mapped");
	CHECK_EQ(t.mapped_a.calls, 1);
	unit_kernel_munmap(&vma);
}

/* A ->mapped the layer cannot find is reported once, never silent. */
static void stacked_without_nested_warns_once(void)
{
	struct vm_area_struct vma;
	unsigned int i;

	EXPECT_WARNINGS();
	for (i = 0; i < 2; i++) {
		setup(&unit_pointer_fops);
		unit_info.skip_nested = true;
		t.body = body_nothing_ops_b;
		unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
		CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
		CHECK_EQ(t.mapped_b.calls, 0);
		unit_kernel_munmap(&vma);
	}
	CHECK_EQ(stub_warnings_in("mmap.c"), 1);

	/* No vm_ops installed: nothing to warn about. */
	stub_reset();
	setup(&unit_pointer_fops);
	unit_info.skip_nested = true;
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	CHECK_EQ(unit_kernel_mmap(&file_a, &vma, NULL), 0);
	CHECK_EQ(stub_warnings_in("mmap.c"), 0);
	unit_kernel_munmap(&vma);
	unit_info.skip_nested = false;
}

static const struct unit_test stacked_tests[] = {
	UNIT_TEST(stacked_set_desc_from_vma_copies_vma_and_zeroes_rest),
	UNIT_TEST(stacked_runs_hook_action_and_nested_mapped),
	UNIT_TEST(stacked_nested_table_selects_mapped_by_vm_ops),
	UNIT_TEST(stacked_error_override_not_applied_to_action_error),
	UNIT_TEST(stacked_error_override_not_applied_to_mapped_error),
	UNIT_TEST(stacked_invalid_error_override_is_einval),
	UNIT_TEST(stacked_prepare_error_leaves_vma_untouched),
	UNIT_TEST(stacked_replaced_vm_file_takes_own_reference),
	UNIT_TEST(stacked_replaced_vm_file_failure_restores_file),
	UNIT_TEST(compat_vma_mmap_calls_the_files_mmap),
	UNIT_TEST(compat_vma_mmap_without_mmap_is_enodev),
	UNIT_TEST(compat_vma_mmap_takes_the_stacked_path),
	UNIT_TEST(stacked_pointer_hook_finds_mapped_in_named_table),
	UNIT_TEST(stacked_without_nested_warns_once),
};

UNIT_SUITE(stacked, stacked_tests);
