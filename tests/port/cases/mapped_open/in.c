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

static const struct vm_operations_struct mapped_open_vm_ops = {
	.open = mapped_open_vm_open,
	.close = mapped_open_vm_close,
};

static int mapped_open_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_private_data = &mo_state;
	vma->vm_ops = &mapped_open_vm_ops;
	mapped_open_vm_open(vma);
	return remap_pfn_range(vma, vma->vm_start, mo_state.pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
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

static const struct vm_operations_struct mapped_open2_ops = {
	.open = mapped_open2_open,
	.close = mapped_open2_close,
};

static int mapped_open2_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &mapped_open2_ops;
	vma->vm_ops->open(vma);
	return 0;
}

static const struct file_operations mapped_open_fops = {
	.owner = THIS_MODULE,
	.mmap = mapped_open_mmap,
};

static const struct file_operations mapped_open2_fops = {
	.owner = THIS_MODULE,
	.mmap = mapped_open2_mmap,
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
