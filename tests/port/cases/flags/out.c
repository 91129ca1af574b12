// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_flags tests and edits around a remap (open-dice style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static phys_addr_t fl_base;
static unsigned long fl_size;

static int flags_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;

	if (vma_desc_test(desc, VMA_WRITE_BIT) &&
	    vma_desc_test(desc, VMA_SHARED_BIT))
		return -EPERM;
	if (vma_desc_test(desc, VMA_SHARED_BIT))
		vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);
	if (vma_desc_is_cow_mapping(desc))
		return -EINVAL;

#ifdef CONFIG_MMU
	/* The file is used in a preprocessor branch only (mtdchar-style). */
	if (file->f_flags & O_DSYNC)
		desc->page_prot = pgprot_noncached(desc->page_prot);
#endif
	vma_desc_set_flags(desc, VMA_DONTCOPY_BIT, VMA_DONTDUMP_BIT);
	mmap_action_simple_ioremap(desc, fl_base, fl_size);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(flags_mmap_prepare);

static const struct file_operations flags_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(flags_mmap_prepare),
};

static struct miscdevice flags_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_flags",
	.fops = &flags_fops,
};
module_misc_device(flags_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case flags");
