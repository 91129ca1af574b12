/* SPDX-License-Identifier: GPL-2.0 */
/* What config/probe-kernel.sh finds on 6.12: old building blocks only. */
#ifndef _MMAP_PREPARE_COMPAT_CONFIG_H
#define _MMAP_PREPARE_COMPAT_CONFIG_H
#define HAVE_VMA_SET_FILE 1
#define HAVE_VM_FLAGS_SET 1
#define HAVE_VM_INSERT_PAGES 1
#define MMAP_PREPARE_COMPAT_NATIVE 0
#endif
