// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 20: remap_pfn_range() and io_remap_pfn_range().
//
// Matches, inside a selected hook, the statement
//   remap_pfn_range(vma, start, pfn, size, prot);   (io_remap_pfn_range alike)
// A protection other than vma->vm_page_prot is first stored in
// vma->vm_page_prot (part 60 makes it desc->page_prot, which the helper
// copies when it is called). Then:
//   start vma->vm_start and size the whole VMA
//     -> mmap_action_remap_full(desc, pfn) / mmap_action_ioremap_full()
//   anything else -> mmap_action_remap(desc, start, pfn, size) / _ioremap()
// "The whole VMA" is vm_end - vm_start, vma_pages() << PAGE_SHIFT, or a
// local variable mpc-port found to hold only that.
//
// Mirrors: uio_mmap_physical() and mmap_mem() (drivers/char/mem.c), which
// Linux 7.3 converted to mmap_action_remap_full() /
// mmap_action_remap() with desc->page_prot set first.

@r_prot@
identifier h.f, h.v;
identifier rf = {remap_pfn_range, io_remap_pfn_range};
expression S, P, Z, PR;
@@
int f(...) { <...
(
  rf(v, S, P, Z, v->vm_page_prot);
|
+ v->vm_page_prot = PR;
  rf(v, S, P, Z,
-     PR
+     v->vm_page_prot
  );
)
...> }

@r_part@
identifier h.f, h.v;
expression S, P, Z;
@@
int f(...) { <...
(
- remap_pfn_range(v, S, P, Z, v->vm_page_prot);
+ mmap_action_remap(desc, S, P, Z);
|
- io_remap_pfn_range(v, S, P, Z, v->vm_page_prot);
+ mmap_action_ioremap(desc, S, P, Z);
)
...> }
