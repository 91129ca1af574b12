// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: hooks that must be left as
 * they are, each with its reason in the report.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

static struct device *rf_dev;
static void *rf_cpu;
static dma_addr_t rf_dma;
static unsigned long rf_pfn;
static atomic_t rf_maps = ATOMIC_INIT(0);

static void refused_vm_close(struct vm_area_struct *vma)
{
	atomic_dec(&rf_maps);
}

static const struct vm_operations_struct refused_vm_ops = {
	.close = refused_vm_close,
};

/* No mmap_action for DMA memory upstream. */
static int refused_dma_mmap(struct file *file, struct vm_area_struct *vma)
{
	return dma_mmap_coherent(rf_dev, vma, rf_cpu, rf_dma,
				 vma->vm_end - vma->vm_start);
}

/* The VMA does not exist yet in mmap_prepare. */
static int refused_mm_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_mm != current->mm)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, rf_pfn, PAGE_SIZE,
			       vma->vm_page_prot);
}

/* Two remaps of one VMA. */
static int refused_two_mmap(struct file *file, struct vm_area_struct *vma)
{
	int err;

	err = remap_pfn_range(vma, vma->vm_start, rf_pfn, PAGE_SIZE,
			      vma->vm_page_prot);
	if (err)
		return err;
	return remap_pfn_range(vma, vma->vm_start + PAGE_SIZE, rf_pfn, PAGE_SIZE,
			       vma->vm_page_prot);
}

/* Per-mapping state allocated in the hook. */
static int refused_alloc_mmap(struct file *file, struct vm_area_struct *vma)
{
	void *p = kzalloc(16, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	vma->vm_private_data = p;
	return 0;
}

/* Uses the remap's result in a way no rule knows. */
static int refused_odd_mmap(struct file *file, struct vm_area_struct *vma)
{
	int err;

	err = remap_pfn_range(vma, vma->vm_start, rf_pfn, PAGE_SIZE,
			      vma->vm_page_prot);
	if (err)
		pr_info("remap failed: %d\n", err);
	return err;
}

static bool refused_check(struct vm_area_struct *vma)
{
	return vma->vm_end - vma->vm_start <= PAGE_SIZE;
}

/* Hands the VMA to a helper, which would have to take the descriptor. */
static int refused_helper_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!refused_check(vma))
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, rf_pfn, PAGE_SIZE,
			       vma->vm_page_prot);
}

/* Counts the mapping before a check that can still fail. */
static int refused_early_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &refused_vm_ops;
	atomic_inc(&rf_maps);
	if (vma->vm_pgoff)
		return -EINVAL;
	return 0;
}

/* Counts the mapping, but installs no vm_ops that could count it down. */
static int refused_noops_mmap(struct file *file, struct vm_area_struct *vma)
{
	atomic_inc(&rf_maps);
	return remap_pfn_range(vma, vma->vm_start, rf_pfn, PAGE_SIZE,
			       vma->vm_page_prot);
}

static const struct vm_operations_struct refused_branch_vm_ops = {
	.close = refused_vm_close,
};

/* Installs the vm_ops that would count the mapping on one path only. */
static int refused_branch_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		vma->vm_ops = &refused_branch_vm_ops;
	atomic_inc(&rf_maps);
	return 0;
}

static const struct file_operations refused_branch_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_branch_mmap,
};

static const struct file_operations refused_early_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_early_mmap,
};

static const struct file_operations refused_noops_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_noops_mmap,
};

/* A hook in an array of file_operations, where mpc-port does not look. */
static int refused_array_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENODEV;
}

static const struct file_operations refused_array_fops[] = {
	{ .owner = THIS_MODULE, .mmap = refused_array_mmap },
};

static const struct file_operations refused_helper_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_helper_mmap,
};

static const struct file_operations refused_dma_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_dma_mmap,
};

static const struct file_operations refused_mm_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_mm_mmap,
};

static const struct file_operations refused_two_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_two_mmap,
};

static const struct file_operations refused_alloc_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_alloc_mmap,
};

static const struct file_operations refused_odd_fops = {
	.owner = THIS_MODULE,
	.mmap = refused_odd_mmap,
};

static struct miscdevice refused_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rdma", .fops = &refused_dma_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rmm", .fops = &refused_mm_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rtwo", .fops = &refused_two_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_ralloc", .fops = &refused_alloc_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rodd", .fops = &refused_odd_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rhelp", .fops = &refused_helper_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rearly", .fops = &refused_early_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rnoops", .fops = &refused_noops_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rbranch", .fops = &refused_branch_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_rarray", .fops = &refused_array_fops[0] },
};

static int __init refused_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(refused_misc); i++) {
		err = misc_register(&refused_misc[i]);
		if (err) {
			while (i--)
				misc_deregister(&refused_misc[i]);
			return err;
		}
	}
	return 0;
}

static void __exit refused_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(refused_misc); i++)
		misc_deregister(&refused_misc[i]);
}

module_init(refused_init);
module_exit(refused_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case refused");
