// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: the shapes of upstream's own
 * files that mpc-port converts or refuses with the API upstream added.
 *
 * up_proto_mmap() has a prototype above its file_operations (as ramfs's
 * file-nommu.c): both are converted. up_alias_mmap() is generic_file_mmap()
 * in another #if branch (as erofs and ext2), up_export_mmap() is exported
 * (as nfs_file_mmap()), up_private_mmap() passes its VMA to
 * private_mapping_ok() (as /dev/mem): each is left, its reason naming what
 * upstream added (scripts/coccinelle/mpc-port/upstream-apis.tsv).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static int up_proto_mmap_prepare(struct vm_area_desc *desc);

static vm_fault_t up_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct up_vm_ops = {
	.fault = up_fault,
};

MMAP_PREPARE_COMPAT_TRAMPOLINE(up_proto_mmap_prepare);

static const struct file_operations up_proto_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(up_proto_mmap_prepare),
};

#ifdef CONFIG_MPC_PORT_TEST_NEVER
static int up_alias_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &up_vm_ops;
	return 0;
}
#else
#define up_alias_mmap	generic_file_mmap
#endif

static const struct file_operations up_alias_fops = {
	.owner = THIS_MODULE,
	.mmap = up_alias_mmap,
};

int up_export_mmap(struct file *file, struct vm_area_struct *vma);

int up_export_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &up_vm_ops;
	return 0;
}
EXPORT_SYMBOL_GPL(up_export_mmap);

static const struct file_operations up_export_fops = {
	.owner = THIS_MODULE,
	.mmap = up_export_mmap,
};

static int private_mapping_ok(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_MAYSHARE;
}

static int up_private_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!private_mapping_ok(vma))
		return -EPERM;
	vma->vm_ops = &up_vm_ops;
	return 0;
}

static const struct file_operations up_private_fops = {
	.owner = THIS_MODULE,
	.mmap = up_private_mmap,
};

static int up_proto_mmap_prepare(struct vm_area_desc *desc)
{
	desc->vm_ops = &up_vm_ops;
	return 0;
}

const struct file_operations *up_fops[] = {
	&up_proto_fops, &up_alias_fops, &up_export_fops, &up_private_fops,
};
EXPORT_SYMBOL_GPL(up_fops);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test: upstream's shapes");
