/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CROSS_IMPL_H
#define CROSS_IMPL_H

#include <linux/mmap_prepare_compat.h>

int cross_mmap_prepare(struct vm_area_desc *desc);

#endif /* CROSS_IMPL_H */
