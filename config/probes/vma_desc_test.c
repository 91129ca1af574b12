// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_desc_test
 * Macro:    HAVE_VMA_DESC_TEST
 * Since:    7.1
 * Summary:  ``vma_desc_test()``/``_any()``/``_all()``
 * Upstream: rename of 7.0's vma_desc_test_flags() to vma_desc_test() (one
 *           bit) plus vma_desc_test_any()/vma_desc_test_all() (Lorenzo
 *           Stoakes, mm tree for 7.1); commit id unconfirmed
 * Confirmed: unconfirmed: neither the posting nor the commit was found
 *           with the search tool
 * Export:   none
 * Fallback: compat vma_desc_test(), _any(), _all() on the compat descriptor
 *
 * vma_desc_test(desc, bit) returns bool; vma_desc_test_any() and
 * vma_desc_test_all() take a list of bits. 7.0's vma_desc_test_flags()
 * does not satisfy this probe.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static bool __maybe_unused mpc_probe_vma_desc_test(const struct vm_area_desc *desc)
{
	bool one = vma_desc_test(desc, VMA_READ_BIT);
	bool any = vma_desc_test_any(desc, VMA_READ_BIT, VMA_WRITE_BIT);
	bool all = vma_desc_test_all(desc, VMA_READ_BIT, VMA_SHARED_BIT);

	return one && any && all;
}
