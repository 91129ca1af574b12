/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub (custom): atomic_t for a single-threaded harness. */
#ifndef _STUB_LINUX_ATOMIC_H
#define _STUB_LINUX_ATOMIC_H

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)		{ (i) }
#define atomic_read(v)		((v)->counter)
#define atomic_inc(v)		((void)((v)->counter++))
#define atomic_dec(v)		((void)((v)->counter--))

#endif /* _STUB_LINUX_ATOMIC_H */
