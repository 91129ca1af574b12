// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a hook that calls its
 * vm_ops' ->open by hand to count the new mapping (as snd_pcm_mmap_data()
 * does in Linux 6.1), and one that calls it through vma->vm_ops.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

struct mapped_open_state {
	atomic_t maps;
	unsigned long pfn;
};

static struct mapped_open_state mo_state, mo_state2;

static void mapped_open_vm_open(struct vm_area_struct *vma)
{
	struct mapped_open_state *st = vma->vm_private_data;

	atomic_inc(&st->maps);
}

static void mapped_open_vm_close(struct vm_area_struct *vma)
{
	struct mapped_open_state *st = vma->vm_private_data;

	atomic_dec(&st->maps);
}

static int mapped_open_vm_mapped(unsigned long start, unsigned long end,
				 pgoff_t pgoff, const struct file *file,
				 void **vm_private_data)
{
	struct mapped_open_state *st = *vm_private_data;

	atomic_inc(&st->maps);
	return 0;
}

static const struct vm_operations_struct mapped_open_vm_ops = {
	.open = mapped_open_vm_open,
	.close = mapped_open_vm_close,
	MMAP_PREPARE_MAPPED(mapped_open_vm_mapped)
};

static int mapped_open_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff)
		return -EINVAL;
	desc->private_data = &mo_state;
	desc->vm_ops = &mapped_open_vm_ops;
	mmap_action_remap_full(desc, mo_state.pfn);
	return 0;
}

static void mapped_open2_open(struct vm_area_struct *area)
{
	if (area->vm_end - area->vm_start > PAGE_SIZE)
		return;
	atomic_inc(&mo_state2.maps);
}

static void mapped_open2_close(struct vm_area_struct *area)
{
	atomic_dec(&mo_state2.maps);
}

static int mapped_open2_mapped(unsigned long start, unsigned long end,
			       pgoff_t pgoff, const struct file *file,
			       void **vm_private_data)
{
	if (end - start > PAGE_SIZE)
		return 0;
	atomic_inc(&mo_state2.maps);
	return 0;
}

static const struct vm_operations_struct mapped_open2_ops = {
	.open = mapped_open2_open,
	.close = mapped_open2_close,
	MMAP_PREPARE_MAPPED(mapped_open2_mapped)
};

static int mapped_open2_mmap_prepare(struct vm_area_desc *desc)
{
	desc->vm_ops = &mapped_open2_ops;
	return 0;
}

MMAP_PREPARE_COMPAT_MAPPED_TABLE(mapped_mapped_table,
				 MMAP_PREPARE_MAPPED_ENTRY(&mapped_open_vm_ops, mapped_open_vm_mapped),
				 MMAP_PREPARE_MAPPED_ENTRY(&mapped_open2_ops, mapped_open2_mapped));
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mapped_open_mmap_prepare, mapped_mapped_table);

static const struct file_operations mapped_open_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mapped_open_mmap_prepare),
};

MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mapped_open2_mmap_prepare, mapped_mapped_table);

static const struct file_operations mapped_open2_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mapped_open2_mmap_prepare),
};

static struct miscdevice mapped_open_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mo", .fops = &mapped_open_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mo2", .fops = &mapped_open2_fops },
};

static int __init mapped_open_init(void)
{
	int err = misc_register(&mapped_open_misc[0]);

	if (err)
		return err;
	err = misc_register(&mapped_open_misc[1]);
	if (err)
		misc_deregister(&mapped_open_misc[0]);
	return err;
}

static void __exit mapped_open_exit(void)
{
	misc_deregister(&mapped_open_misc[1]);
	misc_deregister(&mapped_open_misc[0]);
}

module_init(mapped_open_init);
module_exit(mapped_open_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case mapped_open");
