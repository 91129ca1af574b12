// SPDX-License-Identifier: GPL-2.0
/* mpc-port test input: the hook cross_user.c names (see there). */
#include <linux/fs.h>
#include <linux/mm.h>

#include "cross_impl.h"

static vm_fault_t cross_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct cross_vm_ops = {
	.fault = cross_fault,
};

int cross_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!(file->f_mode & FMODE_WRITE))
		return -EACCES;
	vma->vm_ops = &cross_vm_ops;
	return 0;
}
