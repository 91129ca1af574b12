// SPDX-License-Identifier: MIT
/*
 * A driver that is not GPL-compatible, embedding mmap-prepare-compat,
 * written for tests/thirdparty/guest.sh. Its MODULE_LICENSE is "MIT": the
 * kernel's license_is_gpl_compatible() (include/linux/license.h) accepts
 * only "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
 * "Dual MIT/GPL" and "Dual MPL/GPL", so "MIT" makes modpost and the module
 * loader refuse it every EXPORT_SYMBOL_GPL symbol and taints the kernel
 * (P). mmap-prepare-compat.mk reads the licence and builds the layer with
 * MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS.
 *
 * nogpl_pages: the four pages "abcd" (mmap_action_map_kernel_pages_full())
 *   from vm_pgoff on, with a ->mapped hook counting the mapping and a
 *   ->close hook counting its end.
 * nogpl_pfn: the same hooks, and a PFN remap action of the first page set
 *   by hand (the helpers do not build here): the layer must refuse it with
 *   -EOPNOTSUPP, warn once, run neither hook and map nothing.
 * Read-only parameters: maps (->mapped calls), closes (->close calls) and
 * pageref (the first page's reference count).
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/mmap_prepare_compat.h>

#define NOGPL_PAGES	4

static struct page *nogpl_pages[NOGPL_PAGES];
static atomic_t nogpl_maps = ATOMIC_INIT(0);
static atomic_t nogpl_closes = ATOMIC_INIT(0);

static int nogpl_get_count(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops nogpl_count_ops = {
	.get = nogpl_get_count,
};
module_param_cb(maps, &nogpl_count_ops, &nogpl_maps, 0444);
module_param_cb(closes, &nogpl_count_ops, &nogpl_closes, 0444);

static int nogpl_get_pageref(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%d\n", page_ref_count(nogpl_pages[0]));
}

static const struct kernel_param_ops nogpl_pageref_ops = {
	.get = nogpl_get_pageref,
};
module_param_cb(pageref, &nogpl_pageref_ops, NULL, 0444);

static int nogpl_mapped(unsigned long start, unsigned long end,
			pgoff_t pgoff, const struct file *file,
			void **vm_private_data)
{
	atomic_inc(&nogpl_maps);
	return 0;
}

static void nogpl_close(struct vm_area_struct *vma)
{
	atomic_inc(&nogpl_closes);
}

static const struct vm_operations_struct nogpl_vm_ops = {
	.close = nogpl_close,
	MMAP_PREPARE_MAPPED(nogpl_mapped)
};

static int nogpl_pages_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff >= NOGPL_PAGES ||
	    vma_desc_pages(desc) > NOGPL_PAGES - desc->pgoff)
		return -ENXIO;
	desc->vm_ops = &nogpl_vm_ops;
	mmap_action_map_kernel_pages_full(desc, &nogpl_pages[desc->pgoff]);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(nogpl_pages_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&nogpl_vm_ops, nogpl_mapped));

static int nogpl_pfn_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;

	if (desc->pgoff || vma_desc_pages(desc) != 1)
		return -ENXIO;
	desc->vm_ops = &nogpl_vm_ops;
	/* What mmap_action_remap_full() would set, were it allowed here. */
	action->type = MMAP_REMAP_PFN;
	action->remap.start = desc->start;
	action->remap.start_pfn = page_to_pfn(nogpl_pages[0]);
	action->remap.size = PAGE_SIZE;
	action->remap.pgprot = desc->page_prot;
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(nogpl_pfn_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&nogpl_vm_ops, nogpl_mapped));

static const struct file_operations nogpl_pages_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(nogpl_pages_prepare),
};

static const struct file_operations nogpl_pfn_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(nogpl_pfn_prepare),
};

static struct miscdevice nogpl_pages_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "nogpl_pages",
	.fops = &nogpl_pages_fops,
};

static struct miscdevice nogpl_pfn_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "nogpl_pfn",
	.fops = &nogpl_pfn_fops,
};

static void nogpl_free(int n)
{
	while (n--)
		__free_page(nogpl_pages[n]);
}

static int __init nogpl_init(void)
{
	int i, ret;

	for (i = 0; i < NOGPL_PAGES; i++) {
		nogpl_pages[i] = alloc_page(GFP_KERNEL);
		if (!nogpl_pages[i]) {
			nogpl_free(i);
			return -ENOMEM;
		}
		memset(page_address(nogpl_pages[i]), 'a' + i, PAGE_SIZE);
	}
	ret = misc_register(&nogpl_pages_misc);
	if (ret)
		goto free;
	ret = misc_register(&nogpl_pfn_misc);
	if (!ret)
		return 0;
	misc_deregister(&nogpl_pages_misc);
free:
	nogpl_free(NOGPL_PAGES);
	return ret;
}
module_init(nogpl_init);

static void __exit nogpl_exit(void)
{
	misc_deregister(&nogpl_pfn_misc);
	misc_deregister(&nogpl_pages_misc);
	nogpl_free(NOGPL_PAGES);
}
module_exit(nogpl_exit);

MODULE_DESCRIPTION("mmap-prepare-compat: non-GPL embedded mode, run in a guest");
MODULE_LICENSE("MIT");
