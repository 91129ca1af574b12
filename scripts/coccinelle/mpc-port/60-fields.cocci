// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 60: what the hook read from or stored in the VMA.
//
// Matches, inside a selected hook:
//   vma->vm_end - vma->vm_start -> vma_desc_size(desc)
//   vma_pages(vma)              -> vma_desc_pages(desc)
//   vma->vm_start, vma->vm_end  -> desc->start, desc->end
//   vma->vm_pgoff               -> desc->pgoff
//   vma->vm_page_prot           -> desc->page_prot
//   vma->vm_ops                 -> desc->vm_ops
//   vma->vm_private_data        -> desc->private_data
//   vma->vm_file                -> desc->vm_file
//   vma_set_anonymous(vma)      -> vma_desc_set_anonymous(desc)
// A hook whose only work was "vma->vm_ops = &ops; return 0;" (pages come
// from ->fault) is then fully converted: no action, desc->vm_ops set.
//
// Mirrors: the field table of Documentation/filesystems/mmap_prepare.rst
// (Linux 7.3) and every upstream conversion, e.g. hpet_mmap_prepare()'s
// desc->page_prot and uio_mmap_logical()'s desc->vm_ops; mmap_zero_prepare()
// (drivers/char/mem.c) for vma_desc_set_anonymous().

@fld@
identifier h.f, h.v;
@@
int f(...) { <...
(
- v->vm_end - v->vm_start
+ vma_desc_size(desc)
|
- vma_pages(v)
+ vma_desc_pages(desc)
|
- v->vm_start
+ desc->start
|
- v->vm_end
+ desc->end
|
- v->vm_pgoff
+ desc->pgoff
|
- v->vm_page_prot
+ desc->page_prot
|
- v->vm_ops
+ desc->vm_ops
|
- v->vm_private_data
+ desc->private_data
|
- v->vm_file
+ desc->vm_file
|
- vma_set_anonymous(v)
+ vma_desc_set_anonymous(desc)
)
...> }
