/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: non-atomic bit operations on unsigned long arrays. */
#ifndef _STUB_LINUX_BITOPS_H
#define _STUB_LINUX_BITOPS_H

#include <linux/types.h>

#define BITS_PER_LONG		((int)(sizeof(long) * CHAR_BIT))
#define BIT(nr)			(1UL << (nr))
#define _BITUL(nr)		(1UL << (nr))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline void __set_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return addr[BIT_WORD(nr)] & BIT_MASK(nr);
}

#define ilog2(n)	(63 - __builtin_clzll((unsigned long long)(n)))

#endif /* _STUB_LINUX_BITOPS_H */
