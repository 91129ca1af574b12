/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's own header. Its prototype names the mmap_prepare API, as
 * drivers/staging/vme_user/vme.h does in 7.3: it builds on every kernel
 * because acme_main.c includes it after <linux/mmap_prepare_compat.h>.
 */
#ifndef _ACME_H
#define _ACME_H

struct vm_area_desc;

int acme_mmap_prepare(struct vm_area_desc *desc);

#endif /* _ACME_H */
