/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: the bitmap operations of include/linux/bitmap.h. */
#ifndef _STUB_LINUX_BITMAP_H
#define _STUB_LINUX_BITMAP_H

#include <linux/bitops.h>

#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]

static inline unsigned long __stub_last_mask(unsigned int nbits, unsigned int word)
{
	unsigned int rem = nbits - word * BITS_PER_LONG;

	return rem >= (unsigned int)BITS_PER_LONG ? ~0UL : (1UL << rem) - 1;
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if (src[i] & __stub_last_mask(nbits, i))
			return false;
	return true;
}

static inline bool bitmap_intersects(const unsigned long *a,
				     const unsigned long *b, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if (a[i] & b[i] & __stub_last_mask(nbits, i))
			return true;
	return false;
}

/* Is @a a subset of @b? */
static inline bool bitmap_subset(const unsigned long *a,
				 const unsigned long *b, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if (a[i] & ~b[i] & __stub_last_mask(nbits, i))
			return false;
	return true;
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *a,
			     const unsigned long *b, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = a[i] | b[i];
}

static inline bool bitmap_andnot(unsigned long *dst, const unsigned long *a,
				 const unsigned long *b, unsigned int nbits)
{
	unsigned long res = 0;
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		res |= (dst[i] = a[i] & ~b[i]);
	return res != 0;
}

static inline bool bitmap_and(unsigned long *dst, const unsigned long *a,
			      const unsigned long *b, unsigned int nbits)
{
	unsigned long res = 0;
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		res |= (dst[i] = a[i] & b[i]);
	return res != 0;
}

static inline void bitmap_xor(unsigned long *dst, const unsigned long *a,
			      const unsigned long *b, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = a[i] ^ b[i];
}

static inline bool bitmap_equal(const unsigned long *a, const unsigned long *b,
				unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		if ((a[i] ^ b[i]) & __stub_last_mask(nbits, i))
			return false;
	return true;
}

static inline unsigned int bitmap_weight(const unsigned long *src,
					 unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		w += __builtin_popcountl(src[i] & __stub_last_mask(nbits, i));
	return w;
}

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		dst[i] = 0;
}

#endif /* _STUB_LINUX_BITMAP_H */
