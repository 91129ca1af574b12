// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_desc_test
 * Macro:    HAVE_VMA_DESC_TEST
 * Since:    7.1
 * Summary:  ``vma_desc_test()``/``_any()``/``_all()``
 * Upstream: 0c2aa6635716 ("mm: reintroduce vma_desc_test() as a singular
 *           flag test"), with e650bb30ca53 ("mm: rename VMA flag helpers to
 *           be more readable": vma_desc_test_flags() -> vma_desc_test_any())
 *           and 0b3ed2a495b5 ("mm: add vma_desc_test_all() and use it"), 7.1
 * Confirmed: find_string of the search tool: kernel.org's post-receive
 *           notice for torvalds/linux of 2026-04-15 (merge 334fbe734e68 of
 *           tag mm-stable-2026-04-13-21-45) lists all three with these ids;
 *           the series' cover letter (2026-03-05) says what each one does
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
