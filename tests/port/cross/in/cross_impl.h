/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CROSS_IMPL_H
#define CROSS_IMPL_H

int cross_mmap(struct file *file, struct vm_area_struct *vma);

#endif /* CROSS_IMPL_H */
