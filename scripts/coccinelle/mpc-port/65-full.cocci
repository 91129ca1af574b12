// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 65: actions that cover the whole VMA.
//
// Matches, inside a selected hook, after parts 20-60:
//   mmap_action_remap(desc, desc->start, pfn, SIZE)   -> mmap_action_remap_full(desc, pfn)
//   mmap_action_ioremap(desc, desc->start, pfn, SIZE) -> mmap_action_ioremap_full(desc, pfn)
//   mmap_action_map_kernel_pages(desc, desc->start, pages, PAGES)
//                                   -> mmap_action_map_kernel_pages_full(desc, pages)
// where SIZE is vma_desc_size(desc) or vma_desc_pages(desc) << PAGE_SHIFT
// (or a local variable set only to that before the call) and PAGES is
// vma_desc_pages(desc) (or such a variable).
//
// Mirrors: uio_mmap_physical() and mmap_mem() in Linux 7.3, which use
// mmap_action_remap_full() for a remap of the whole VMA.

@x_lit@
identifier h.f;
expression P;
@@
int f(...) { <...
(
- mmap_action_remap(desc, desc->start, P, \(vma_desc_size(desc)\|vma_desc_pages(desc) << PAGE_SHIFT\|vma_desc_pages(desc) * PAGE_SIZE\));
+ mmap_action_remap_full(desc, P);
|
- mmap_action_ioremap(desc, desc->start, P, \(vma_desc_size(desc)\|vma_desc_pages(desc) << PAGE_SHIFT\|vma_desc_pages(desc) * PAGE_SIZE\));
+ mmap_action_ioremap_full(desc, P);
|
- mmap_action_map_kernel_pages(desc, desc->start, P, vma_desc_pages(desc));
+ mmap_action_map_kernel_pages_full(desc, P);
)
...> }

@x_var@
identifier h.f, sz;
expression P, E;
type T;
@@
int f(...) {
  ... when any
(
  T sz = \(vma_desc_size(desc)\|vma_desc_pages(desc) << PAGE_SHIFT\|vma_desc_pages(desc) * PAGE_SIZE\);
|
  sz = \(vma_desc_size(desc)\|vma_desc_pages(desc) << PAGE_SHIFT\|vma_desc_pages(desc) * PAGE_SIZE\);
)
  ... when != sz = E
      when != &sz
(
- mmap_action_remap(desc, desc->start, P, sz);
+ mmap_action_remap_full(desc, P);
|
- mmap_action_ioremap(desc, desc->start, P, sz);
+ mmap_action_ioremap_full(desc, P);
)
  ... when any
}

@x_pvar@
identifier h.f, n;
expression P, E;
type T;
@@
int f(...) {
  ... when any
(
  T n = vma_desc_pages(desc);
|
  n = vma_desc_pages(desc);
)
  ... when != n = E
- mmap_action_map_kernel_pages(desc, desc->start, P, n);
+ mmap_action_map_kernel_pages_full(desc, P);
  ... when any
}
