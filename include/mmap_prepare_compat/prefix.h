/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The private prefix of every real symbol the compat layer defines.
 *
 * The shared module uses the default prefix and exports its symbols. A driver
 * that embeds the compat layer builds it with its own prefix and
 * MMAP_PREPARE_COMPAT_EMBEDDED, so two drivers embedding different versions of
 * the shim never clash with each other, with the shared module or with a
 * kernel's partial native API.
 */
#ifndef _MMAP_PREPARE_COMPAT_PREFIX_H
#define _MMAP_PREPARE_COMPAT_PREFIX_H

#include <linux/export.h>

#ifndef MMAP_PREPARE_COMPAT_PREFIX
#define MMAP_PREPARE_COMPAT_PREFIX mmap_prepare_compat_
#endif

#define __MPC_PASTE(a, b)	a##b
#define __MPC_CAT(a, b)		__MPC_PASTE(a, b)

/* __MPC_SYM(name) - the prefixed symbol name of the shim's @name. */
#define __MPC_SYM(name)		__MPC_CAT(MMAP_PREPARE_COMPAT_PREFIX, name)

/*
 * Upstream exports the whole mmap_prepare family with EXPORT_SYMBOL (none of
 * it is GPL-only in 6.16 - 7.3), so the shared module does the same.
 */
#ifdef MMAP_PREPARE_COMPAT_EMBEDDED
#define __MPC_EXPORT(sym)
#else
#define __MPC_EXPORT(sym)	EXPORT_SYMBOL(sym)
#endif

#endif /* _MMAP_PREPARE_COMPAT_PREFIX_H */
