// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test:
 * a fault-handler-only hook: vm_ops, private data, flags
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static vm_fault_t fault_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct fault_vm_ops = {
	.fault = fault_fault,
};

static int fault_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &fault_vm_ops;
	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations fault_fops = {
	.owner = THIS_MODULE,
	.mmap = fault_mmap,
};

static struct miscdevice fault_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_port_fault",
	.fops = &fault_fops,
};
module_misc_device(fault_misc);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case fault");
