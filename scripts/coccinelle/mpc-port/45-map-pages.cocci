// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 45: vm_map_pages() and vm_map_pages_zero().
//
// Matches, inside a selected hook, the statement (part 10 brought "return
// vm_map_pages(...);" and "ret = vm_map_pages(...); if (ret) return ret;"
// to it):
//   vm_map_pages(vma, pages, num);
//     -> if (desc->pgoff >= num || vma_desc_pages(desc) > num - desc->pgoff)
//                return -ENXIO;
//        mmap_action_map_kernel_pages_full(desc, pages + desc->pgoff);
//   vm_map_pages_zero(vma, pages, num);
//     -> if (vma_desc_pages(desc) > num)
//                return -ENXIO;
//        mmap_action_map_kernel_pages_full(desc, pages);
// mpc-port refuses a hook whose num or pages has a side effect (they are
// now read twice).
//
// Mirrors: __vm_map_pages() (mm/memory.c, Linux 7.3), the body of both
// calls: the same two -ENXIO bounds on vm_pgoff and the VMA's size, then
// vm_insert_pages() of pages + offset over the whole VMA, which is what
// the map_kernel_pages action does (map_kernel_pages_complete(), same file).

@@
identifier h.f, h.v;
expression P, N;
@@
int f(...) { <...
(
- vm_map_pages(v, P, N);
+ if (desc->pgoff >= N ||
+     vma_desc_pages(desc) > N - desc->pgoff)
+	return -ENXIO;
+ mmap_action_map_kernel_pages_full(desc, P + desc->pgoff);
|
- vm_map_pages_zero(v, P, N);
+ if (vma_desc_pages(desc) > N)
+	return -ENXIO;
+ mmap_action_map_kernel_pages_full(desc, P);
)
...> }
