// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 30: vm_iomap_memory().
//
// Matches, inside a selected hook, the statement
//   vm_iomap_memory(vma, start, len);
// -> mmap_action_simple_ioremap(desc, start, len);
// The protection the hook set on vma->vm_page_prot before becomes
// desc->page_prot (part 60).
//
// Mirrors: hpet_mmap_prepare() (drivers/char/hpet.c) and
// open_dice_mmap_prepare() (drivers/misc/open-dice.c) in Linux 7.3.

@@
identifier h.f, h.v;
expression A, L;
@@
int f(...) { <...
- vm_iomap_memory(v, A, L);
+ mmap_action_simple_ioremap(desc, A, L);
...> }
