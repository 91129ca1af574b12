// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 70: locals the rewrite left unused.
//
// Matches, inside a selected hook, a local that nothing reads any more once
// parts 10-65 removed the call that used it: "int ret;", "int ret = 0;",
// "unsigned long num = vma_desc_pages(desc);" and the like (the initialiser
// is removed only when it is a constant or one of the desc size helpers, so
// nothing with a side effect goes). Upstream's conversions have no such
// leftovers either (hpet_mmap_prepare(), open_dice_mmap_prepare()).

@c_unused@
identifier h.f, x;
type T;
constant C;
@@
int f(...) {
  ... when any
(
- T x;
|
- T x = C;
|
- T x = \(vma_desc_size(desc)\|vma_desc_pages(desc)\);
)
  ... when != x
}
