// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a fault-handler-only hook: vm_ops, private data, flags
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static vm_fault_t fault_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct fault_vm_ops = {
	.fault = fault_fault,
};

static int fault_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;

	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	desc->vm_ops = &fault_vm_ops;
	desc->private_data = file->private_data;
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(fault_mmap_prepare);

static const struct file_operations fault_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(fault_mmap_prepare),
};

static struct miscdevice fault_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_fault",
	.fops = &fault_fops,
};
module_misc_device(fault_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case fault");
