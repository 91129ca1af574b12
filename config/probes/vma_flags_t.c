// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_flags_t
 * Macro:    HAVE_VMA_FLAGS_T
 * Since:    6.19
 * Summary:  ``vma_flags_t`` and ``VMA_READ_BIT``
 * Upstream: 9ea35a25d51b ("mm: introduce VMA flags bitmap type"), 6.19
 * Confirmed: find_string of the search tool: cited by id and subject in
 *           Fixes: tags posted to linux-mm (2026) and in Lorenzo
 *           Stoakes' postings of January 2026
 * Export:   none
 * Fallback: compat vma_flags_t and VMA_*_BIT (= ilog2(VM_*))
 *
 * The type vma_flags_t exists and the VMA_*_BIT bit numbers are declared
 * (VMA_READ_BIT equals ilog2(VM_READ)).
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_vma_flags_t(void)
{
	vma_flags_t flags;
	int read_bit = (__force int)VMA_READ_BIT;
	int shared_bit = (__force int)VMA_SHARED_BIT;

	memset(&flags, 0, sizeof(flags));
	(void)read_bit;
	(void)shared_bit;
}
