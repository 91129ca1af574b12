// SPDX-License-Identifier: GPL-2.0
/*
 * A legacy driver written for tests/port/guest.sh: .mmap hooks in the
 * shapes mpc-port converts, one device node each, booted once as written and
 * once as mpc-port converted it, with the same checks (port-check.c) on both.
 *
 * mpc_ps_remap: one or two pages of a contiguous buffer ("RS"), from offset
 *   0 only, VM_DONTEXPAND | VM_DONTDUMP; each mapping is counted once the
 *   remap succeeded (->mapped once converted), the count drops in ->close.
 * mpc_ps_pages: the pages of a page array ("abcd") from vm_pgoff on
 *   (vm_map_pages()).
 * mpc_ps_iomap: the buffer through vm_iomap_memory().
 * mpc_ps_loop: the page array from its first page, a vm_insert_page() loop.
 * mpc_ps_fault: the page array through a ->fault handler.
 * mpc_ps_open: one page of the buffer; the hook calls its vm_ops' ->open by
 *   hand to count the mapping.
 * mpc_ps_outer: shared mappings only, then mpc_ps_remap's hook (a stacked
 *   caller).
 * mpc_ps_state: the example driver's legacy baseline device
 *   (mpc_legacy_mmap() of src/example/hooks.c, with vm_ops of its own):
 *   per-mapping state allocated by the hook, freed when the remap fails,
 *   handed to the VMA, counted; ->close (which, as the example's, accepts a
 *   VMA without state) checks it and drops it. mpc-port moves the
 *   allocation to a ->mapped hook.
 * The counts and the number of ->close calls are read-only parameters.
 */
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/version.h>

#define PS_PAGES 4

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
/* Before 6.3 (vm_flags_set() and a read-only vm_flags) a driver set it. */
static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->vm_flags |= flags;
}
#endif

static struct page *ps_buf;		/* 2 contiguous pages */
static struct page *ps_pages[PS_PAGES];
static atomic_t ps_maps = ATOMIC_INIT(0);
static atomic_t ps_closes = ATOMIC_INIT(0);
static atomic_t ps_opens = ATOMIC_INIT(0);

static int ps_get_maps(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops ps_count_ops = {
	.get = ps_get_maps,
};
module_param_cb(maps, &ps_count_ops, &ps_maps, 0444);
module_param_cb(closes, &ps_count_ops, &ps_closes, 0444);
module_param_cb(opens, &ps_count_ops, &ps_opens, 0444);

static void ps_vm_close(struct vm_area_struct *vma)
{
	atomic_dec(&ps_maps);
	atomic_inc(&ps_closes);
}

static const struct vm_operations_struct ps_vm_ops = {
	.close = ps_vm_close,
};

static int ps_remap_mmap(struct file *file, struct vm_area_struct *vma)
{
	int ret;

	if (vma->vm_pgoff)
		return -EINVAL;
	if (vma->vm_end - vma->vm_start > 2 * PAGE_SIZE)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &ps_vm_ops;
	ret = remap_pfn_range(vma, vma->vm_start, page_to_pfn(ps_buf),
			      vma->vm_end - vma->vm_start, vma->vm_page_prot);
	if (ret)
		return ret;
	atomic_inc(&ps_maps);
	return 0;
}

static int ps_pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vm_map_pages(vma, ps_pages, PS_PAGES);
}

static int ps_iomap_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vm_iomap_memory(vma, page_to_phys(ps_buf), 2 * PAGE_SIZE);
}

static int ps_loop_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long i;
	int ret;

	if (vma_pages(vma) > PS_PAGES)
		return -EINVAL;
	for (i = 0; i < vma_pages(vma); i++) {
		ret = vm_insert_page(vma, vma->vm_start + i * PAGE_SIZE,
				     ps_pages[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static vm_fault_t ps_fault(struct vm_fault *vmf)
{
	if (vmf->pgoff >= PS_PAGES)
		return VM_FAULT_SIGBUS;
	get_page(ps_pages[vmf->pgoff]);
	vmf->page = ps_pages[vmf->pgoff];
	return 0;
}

static const struct vm_operations_struct ps_fault_vm_ops = {
	.fault = ps_fault,
};

static int ps_fault_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &ps_fault_vm_ops;
	return 0;
}

static void ps_open_vm_open(struct vm_area_struct *vma)
{
	atomic_inc(&ps_opens);
}

static void ps_open_vm_close(struct vm_area_struct *vma)
{
	atomic_dec(&ps_opens);
	atomic_inc(&ps_closes);
}

static const struct vm_operations_struct ps_open_vm_ops = {
	.open = ps_open_vm_open,
	.close = ps_open_vm_close,
};

static int ps_open_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	vma->vm_ops = &ps_open_vm_ops;
	ps_open_vm_open(vma);
	return remap_pfn_range(vma, vma->vm_start, page_to_pfn(ps_buf),
			       PAGE_SIZE, vma->vm_page_prot);
}

static int ps_outer_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return -EACCES;
	return ps_remap_mmap(file, vma);
}

#define PS_STATE_MAGIC	0x70735f7374UL

struct ps_state {
	struct kref kref;
	unsigned long magic;
};

static void ps_state_release(struct kref *kref)
{
	kfree(container_of(kref, struct ps_state, kref));
}

static void ps_state_vm_open(struct vm_area_struct *vma)
{
	struct ps_state *st = vma->vm_private_data;

	kref_get(&st->kref);
	atomic_inc(&ps_opens);
}

static void ps_state_vm_close(struct vm_area_struct *vma)
{
	struct ps_state *st = vma->vm_private_data;

	atomic_inc(&ps_closes);
	if (!st)
		return;
	if (st->magic == PS_STATE_MAGIC)
		atomic_dec(&ps_maps);
	kref_put(&st->kref, ps_state_release);
}

static const struct vm_operations_struct ps_state_vm_ops = {
	.open = ps_state_vm_open,
	.close = ps_state_vm_close,
};

static int ps_state_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);
	struct ps_state *st;
	int err;

	if (vma->vm_pgoff >= 2 || pages > 2 - vma->vm_pgoff)
		return -EINVAL;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	kref_init(&st->kref);
	st->magic = PS_STATE_MAGIC;

	err = remap_pfn_range(vma, vma->vm_start,
			      page_to_pfn(ps_buf) + vma->vm_pgoff,
			      pages << PAGE_SHIFT, vma->vm_page_prot);
	if (err) {
		kfree(st);
		return err;
	}
	vma->vm_ops = &ps_state_vm_ops;
	vma->vm_private_data = st;
	atomic_inc(&ps_maps);
	return 0;
}

static const struct file_operations ps_remap_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_remap_mmap,
};

static const struct file_operations ps_pages_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_pages_mmap,
};

static const struct file_operations ps_iomap_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_iomap_mmap,
};

static const struct file_operations ps_loop_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_loop_mmap,
};

static const struct file_operations ps_fault_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_fault_mmap,
};

static const struct file_operations ps_open_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_open_mmap,
};

static const struct file_operations ps_outer_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_outer_mmap,
};

static const struct file_operations ps_state_fops = {
	.owner = THIS_MODULE,
	.mmap = ps_state_mmap,
};

static const struct file_operations *const ps_fops[] = {
	&ps_remap_fops,
	&ps_pages_fops,
	&ps_iomap_fops,
	&ps_loop_fops,
	&ps_fault_fops,
	&ps_open_fops,
	&ps_outer_fops,
	&ps_state_fops,
};

static const char * const ps_names[] = {
	"mpc_ps_remap", "mpc_ps_pages", "mpc_ps_iomap", "mpc_ps_loop",
	"mpc_ps_fault", "mpc_ps_open", "mpc_ps_outer", "mpc_ps_state",
};

static struct miscdevice ps_misc[ARRAY_SIZE(ps_fops)];

static void ps_free(void)
{
	int i;

	for (i = 0; i < PS_PAGES; i++)
		if (ps_pages[i])
			__free_page(ps_pages[i]);
	if (ps_buf)
		__free_pages(ps_buf, 1);
}

static int __init ps_init(void)
{
	int i, err;

	ps_buf = alloc_pages(GFP_KERNEL, 1);
	if (!ps_buf)
		return -ENOMEM;
	memset(page_address(ps_buf), 'R', PAGE_SIZE);
	memset(page_address(ps_buf) + PAGE_SIZE, 'S', PAGE_SIZE);
	for (i = 0; i < PS_PAGES; i++) {
		ps_pages[i] = alloc_page(GFP_KERNEL);
		if (!ps_pages[i]) {
			ps_free();
			return -ENOMEM;
		}
		memset(page_address(ps_pages[i]), 'a' + i, PAGE_SIZE);
	}
	for (i = 0; i < ARRAY_SIZE(ps_misc); i++) {
		ps_misc[i].minor = MISC_DYNAMIC_MINOR;
		ps_misc[i].name = ps_names[i];
		ps_misc[i].fops = ps_fops[i];
		err = misc_register(&ps_misc[i]);
		if (err) {
			while (i--)
				misc_deregister(&ps_misc[i]);
			goto free;
		}
	}
	return 0;
free:
	ps_free();
	return err;
}

static void __exit ps_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(ps_misc); i++)
		misc_deregister(&ps_misc[i]);
	ps_free();
}

module_init(ps_init);
module_exit(ps_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port guest sample (legacy .mmap hooks)");
