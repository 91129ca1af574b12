// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_flags tests and edits around a remap (open-dice style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static phys_addr_t fl_base;
static unsigned long fl_size;

static int flags_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & VM_WRITE) && (vma->vm_flags & VM_SHARED))
		return -EPERM;
	if (vma->vm_flags & VM_SHARED)
		vm_flags_clear(vma, VM_MAYWRITE);
	if (is_cow_mapping(vma->vm_flags))
		return -EINVAL;

#ifdef CONFIG_MMU
	/* The file is used in a preprocessor branch only (mtdchar-style). */
	if (file->f_flags & O_DSYNC)
		vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
#endif
	vm_flags_set(vma, VM_DONTCOPY | VM_DONTDUMP);
	return vm_iomap_memory(vma, fl_base, fl_size);
}

static const struct file_operations flags_fops = {
	.owner = THIS_MODULE,
	.mmap = flags_mmap,
};

static struct miscdevice flags_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_flags",
	.fops = &flags_fops,
};
module_misc_device(flags_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case flags");
