// SPDX-License-Identifier: GPL-2.0
/* Fixtures shared by the tests: files, VMAs, descriptors, the old mmap path. */
#include "harness.h"

struct mm_struct unit_mm = { .id = 42 };
const struct vm_operations_struct unit_dummy_vm_ops;

void unit_file_init(struct file *file, const char *name,
		    const struct file_operations *fops)
{
	memset(file, 0, sizeof(*file));
	file->f_count = 1;
	file->name = name;
	file->f_op = fops;
}

void unit_vma_init(struct vm_area_struct *vma, vm_flags_t flags,
		   struct file *file)
{
	memset(vma, 0, sizeof(*vma));
	vma->vm_start = UNIT_START;
	vma->vm_end = UNIT_END;
	vma->vm_mm = &unit_mm;
	vma->vm_pgoff = UNIT_PGOFF;
	vma->vm_page_prot = __pgprot(UNIT_PROT);
	vma->vm_ops = &unit_dummy_vm_ops;
	vma->vm_file = file;
	stub_vma_set_flags(vma, flags);
}

void unit_desc_init(struct vm_area_desc *desc, vm_flags_t flags)
{
	struct vm_area_struct vma;

	unit_vma_init(&vma, flags, NULL);
	compat_set_desc_from_vma(desc, NULL, &vma);
}

int unit_kernel_mmap(struct file *file, struct vm_area_struct *vma,
		     struct file **vm_file_on_return)
{
	int err;

	vma->vm_file = get_file(file);
	err = file->f_op->mmap(file, vma);
	if (vm_file_on_return)
		*vm_file_on_return = vma->vm_file;
	if (err) {
		/* 5.10 mmap_region(), unmap_and_free_vma: */
		vma->vm_file = NULL;
		fput(file);
	}
	return err;
}

void unit_kernel_munmap(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = NULL;
}
