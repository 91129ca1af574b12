// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: two 7.3-style hooks sharing
 * operations with a ->mapped hook, so the wiring uses one named table.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static struct page *multi_pages[4];
static unsigned long multi_pfn;

static int multi_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
			const struct file *file, void **vm_private_data)
{
	*vm_private_data = NULL;
	return 0;
}

static const struct vm_operations_struct multi_vm_ops = {
	.mapped = multi_mapped,
};

static int multi_remap_prepare(struct vm_area_desc *desc)
{
	desc->vm_ops = &multi_vm_ops;
	mmap_action_remap_full(desc, multi_pfn);
	return 0;
}

static int multi_pages_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_pages(desc) > ARRAY_SIZE(multi_pages))
		return -EINVAL;
	desc->vm_ops = &multi_vm_ops;
	mmap_action_map_kernel_pages_full(desc, multi_pages);
	return 0;
}

static const struct file_operations multi_remap_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = multi_remap_prepare,
};

static const struct file_operations multi_pages_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = multi_pages_prepare,
};

static struct miscdevice multi_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mr", .fops = &multi_remap_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mp", .fops = &multi_pages_fops },
};

static int __init multi_init(void)
{
	int err = misc_register(&multi_misc[0]);

	if (err)
		return err;
	err = misc_register(&multi_misc[1]);
	if (err)
		misc_deregister(&multi_misc[0]);
	return err;
}

static void __exit multi_exit(void)
{
	misc_deregister(&multi_misc[1]);
	misc_deregister(&multi_misc[0]);
}

module_init(multi_init);
module_exit(multi_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case native_multi");
