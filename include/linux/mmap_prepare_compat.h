/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux 7.3 mmap_prepare API on every kernel from 5.10.
 *
 * Include this header after the kernel headers of a file and before the
 * driver's own headers, and write the driver against the upstream 7.3 API.
 * Where the kernel has the whole native API (7.2 and later) every name is
 * the kernel's own and nothing of this package is compiled into the driver;
 * everywhere else the names resolve to the compat layer. See
 * Documentation/porting.rst.
 */
#ifndef _LINUX_MMAP_PREPARE_COMPAT_H
#define _LINUX_MMAP_PREPARE_COMPAT_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>

#include <mmap_prepare_compat_config.h>
#include <mmap_prepare_compat/prefix.h>

/*
 * MMAP_PREPARE_COMPAT_EMULATED is 1 when this translation unit uses the compat
 * layer: the kernel lacks part of the 7.2+ API, or the build asked for the
 * compat path with -DMMAP_PREPARE_COMPAT_FORCE_COMPAT=1.
 */
#if defined(MMAP_PREPARE_COMPAT_FORCE_COMPAT) && MMAP_PREPARE_COMPAT_FORCE_COMPAT
#define MMAP_PREPARE_COMPAT_EMULATED 1
#elif defined(MMAP_PREPARE_COMPAT_NATIVE) && MMAP_PREPARE_COMPAT_NATIVE
#define MMAP_PREPARE_COMPAT_EMULATED 0
#else
#define MMAP_PREPARE_COMPAT_EMULATED 1
#endif

#if MMAP_PREPARE_COMPAT_EMULATED
#include <mmap_prepare_compat/types.h>
#include <mmap_prepare_compat/vma_flags.h>
#include <mmap_prepare_compat/desc.h>
#include <mmap_prepare_compat/action.h>
#include <mmap_prepare_compat/stacking.h>
#include <mmap_prepare_compat/hooks.h>
#else
#include <mmap_prepare_compat/native.h>
#endif

#endif /* _LINUX_MMAP_PREPARE_COMPAT_H */
