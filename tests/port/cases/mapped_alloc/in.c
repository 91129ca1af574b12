// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: per-mapping state allocated
 * by the hook, as the example driver's legacy device (src/example/hooks.c)
 * and vme_user before 7.3 do. ma_mmap() is converted: the allocation, the
 * filling in, vm_private_data and the counter move to a ->mapped hook (as
 * upstream's vme_user_vm_mapped(), Linux 7.3), the error path's kfree()
 * goes. ma_bare_mmap() is left: its ->close does not test vm_private_data,
 * which 7.3 calls with NULL when ->mapped failed.
 */
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#define MA_PAGES	2
#define MA_MAGIC	0x6d61UL

struct mpa_state {
	struct kref kref;
	unsigned long magic;
};

static unsigned long ma_pfn;
static atomic_t ma_maps = ATOMIC_INIT(0);

static void ma_release(struct kref *kref)
{
	kfree(container_of(kref, struct mpa_state, kref));
}

static void ma_vm_close(struct vm_area_struct *vma)
{
	struct mpa_state *st = vma->vm_private_data;

	if (!st)
		return;
	atomic_dec(&ma_maps);
	kref_put(&st->kref, ma_release);
}

static const struct vm_operations_struct ma_vm_ops = {
	.close = ma_vm_close,
};

static int ma_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);
	struct mpa_state *st;
	int err;

	if (vma->vm_pgoff >= MA_PAGES || pages > MA_PAGES - vma->vm_pgoff)
		return -EINVAL;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	kref_init(&st->kref);
	st->magic = MA_MAGIC;

	err = remap_pfn_range(vma, vma->vm_start, ma_pfn + vma->vm_pgoff,
			      pages << PAGE_SHIFT, vma->vm_page_prot);
	if (err) {
		kfree(st);
		return err;
	}
	vma->vm_ops = &ma_vm_ops;
	vma->vm_private_data = st;
	atomic_inc(&ma_maps);
	return 0;
}

static void ma_bare_vm_close(struct vm_area_struct *vma)
{
	struct mpa_state *st = vma->vm_private_data;

	kref_put(&st->kref, ma_release);
}

static const struct vm_operations_struct ma_bare_vm_ops = {
	.close = ma_bare_vm_close,
};

static int ma_bare_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpa_state *st;
	int err;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	kref_init(&st->kref);

	err = remap_pfn_range(vma, vma->vm_start, ma_pfn,
			      vma->vm_end - vma->vm_start, vma->vm_page_prot);
	if (err) {
		kfree(st);
		return err;
	}
	vma->vm_ops = &ma_bare_vm_ops;
	vma->vm_private_data = st;
	return 0;
}

static const struct file_operations ma_fops = {
	.owner = THIS_MODULE,
	.mmap = ma_mmap,
};

static const struct file_operations ma_bare_fops = {
	.owner = THIS_MODULE,
	.mmap = ma_bare_mmap,
};

const struct file_operations *ma_all_fops[] = { &ma_fops, &ma_bare_fops };
EXPORT_SYMBOL_GPL(ma_all_fops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test: per-mapping state in ->mapped");
