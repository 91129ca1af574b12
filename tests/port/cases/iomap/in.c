// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * vm_iomap_memory() after an uncached protection, and an #else stub
 * (hpet-style)
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

struct iomap_dev {
	phys_addr_t phys;
	unsigned long len;
};

#ifdef CONFIG_MMU
static int iomap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct iomap_dev *dev = file->private_data;

	if (dev->phys & (PAGE_SIZE - 1))
		return -ENODEV;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return vm_iomap_memory(vma, dev->phys, dev->len);
}
#else
/* A stub that does not use its file: it must not get the local. */
static int iomap_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENODEV;
}
#endif

static const struct file_operations iomap_fops = {
	.owner = THIS_MODULE,
	.mmap = iomap_mmap,
};

static struct miscdevice iomap_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_iomap",
	.fops = &iomap_fops,
};
module_misc_device(iomap_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case iomap");
