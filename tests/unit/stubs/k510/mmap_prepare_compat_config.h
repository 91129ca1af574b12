/* SPDX-License-Identifier: GPL-2.0 */
/* What config/probe-kernel.sh finds on 5.10: none of the mmap_prepare API. */
#ifndef _MMAP_PREPARE_COMPAT_CONFIG_H
#define _MMAP_PREPARE_COMPAT_CONFIG_H
#define HAVE_VM_INSERT_PAGES 1
#define MMAP_PREPARE_COMPAT_NATIVE 0
#endif
