/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: an export is a declaration, so the symbol must exist. */
#ifndef _STUB_LINUX_EXPORT_H
#define _STUB_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)	extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym)	extern __typeof__(sym) sym

#endif /* _STUB_LINUX_EXPORT_H */
