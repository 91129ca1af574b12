// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 40: vm_insert_pages() and the vm_insert_page() loop.
//
// Matches, inside a selected hook:
//   vm_insert_pages(vma, addr, pages, &num);
//     -> mmap_action_map_kernel_pages(desc, addr, pages, num);
//        (part 65 makes it _full(desc, pages) when it covers the VMA)
//   for (i = 0; i < n; i++) {
//           ret = vm_insert_page(vma, start + i * PAGE_SIZE, pages[i]);
//           if (ret)
//                   return ret;
//   }
//     -> mmap_action_map_kernel_pages(desc, start, pages, n);
//   and the same loop that advances "addr += PAGE_SIZE" instead.
//
// Mirrors: the map_kernel_pages action Linux 7.3 added for drivers that
// inserted a page array (mmap_action_map_kernel_pages(), include/linux/mm.h,
// used by the relay and vme_user conversions' successors).

@k_part@
identifier h.f, h.v;
expression A, PG, N;
@@
int f(...) { <...
- vm_insert_pages(v, A, PG, &N);
+ mmap_action_map_kernel_pages(desc, A, PG, N);
...> }

@k_loop@
identifier h.f, h.v, ret, i;
expression A, PG, N;
@@
int f(...) { <...
(
- for (i = 0; i < N; i++) {
-	ret = vm_insert_page(v, A + i * PAGE_SIZE, PG[i]);
-	if (\(ret\|ret < 0\))
-		return ret;
- }
+ mmap_action_map_kernel_pages(desc, A, PG, N);
|
- for (i = 0; i < N; i++) {
-	ret = vm_insert_page(v, A + (i << PAGE_SHIFT), PG[i]);
-	if (\(ret\|ret < 0\))
-		return ret;
- }
+ mmap_action_map_kernel_pages(desc, A, PG, N);
|
- for (i = 0; i < N; i++) {
-	ret = vm_insert_page(v, A, PG[i]);
-	if (\(ret\|ret < 0\))
-		return ret;
-	A += PAGE_SIZE;
- }
+ mmap_action_map_kernel_pages(desc, A, PG, N);
)
...> }
