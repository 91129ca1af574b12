// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 80: a legacy stacked caller in the same file.
//
// Matches a legacy .mmap hook (not one of the selected hooks: it keeps its
// VMA) that ends by handing its VMA to another legacy .mmap hook of the
// file, which the other parts convert ($MPC_PORT_STACKED, "outer=inner"):
//   static int outer_mmap(struct file *file, struct vm_area_struct *vma)
//   {
//           ...
//           return inner_mmap(file, vma);
//   }
// ->
//           struct vm_area_desc desc;
//           int err;
//           ...
//           compat_set_desc_from_vma(&desc, file, vma);
//           err = inner_mmap_prepare(&desc);
//           if (err)
//                   return err;
//           return __compat_vma_mmap(&desc, vma);
// mpc-port checked that the call is the hook's last statement (so an outer
// hook only matches with its own inner one) and that "desc" and "err" are
// free; its wiring then adds
// MMAP_PREPARE_COMPAT_NESTED(&desc, inner_mmap_prepare) after
// compat_set_desc_from_vma(), so the inner hook's ->mapped runs too.
//
// Mirrors: hv_mmap_ring_buffer_wrapper() (drivers/hv/vmbus_drv.c) and
// uio_mmap() (drivers/uio/uio.c) in Linux 7.3, stacked callers that keep
// .mmap and run an mmap_prepare hook on a descriptor made from their VMA
// (compat_set_desc_from_vma() and __compat_vma_mmap(), mm/util.c).

@st@
identifier so : script:python () { so in STACKED };
identifier si : script:python () { is_stacked_inner(si) };
identifier fl, vma;
fresh identifier sn = script:python(si) { new_name(si) };
@@
int so(struct file *fl, struct vm_area_struct *vma)
{
+ struct vm_area_desc desc;
+ int err;
  ... when any
- return si(fl, vma);
+ compat_set_desc_from_vma(&desc, fl, vma);
+ err = sn(&desc);
+ if (err)
+	return err;
+ return __compat_vma_mmap(&desc, vma);
}
