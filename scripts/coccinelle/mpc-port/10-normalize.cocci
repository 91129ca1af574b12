// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 10: bring the mapping call to one statement form.
//
// Matches, inside a selected hook, a call of remap_pfn_range(),
// io_remap_pfn_range(), vm_iomap_memory() or vm_insert_pages() (or
// vm_map_pages[_zero](), but not in the error_override forms: their own
// -ENXIO would then be overridden where the legacy hook's was not) written as
//   return CALL;                     -> CALL; return 0;
//   ret = CALL; if (ret) return ret; -> CALL;
//   ret = CALL; return ret;          -> CALL; return 0;
//   if (CALL) return -EXXX;          -> desc->action.error_override = -EXXX; CALL;
//   (also with braces, as mmap_mem() in drivers/char/mem.c, Linux 6.1)
//   ret = CALL; if (ret) return -EXXX; (same)
// so that parts 20-40 only have to rewrite "CALL;". Any other use of the
// result (a cleanup in the error path, a goto) is left alone, the call stays,
// and mpc-port refuses the hook.
//
// Mirrors: upstream's conversions, where the hook returns 0 and the action's
// error becomes mmap()'s (hpet, open-dice, mem.c in Linux 7.3), and the
// error_override member of struct mmap_action (include/linux/mm_types.h, 7.3)
// for a hook that returned its own errno after a failed remap.

@n_ret@
identifier h.f;
identifier rf = {remap_pfn_range, io_remap_pfn_range, vm_iomap_memory, vm_insert_pages, vm_map_pages, vm_map_pages_zero};
expression list ES;
@@
int f(...) { <...
- return rf(ES);
+ rf(ES);
+ return 0;
...> }

@n_eo@
identifier h.f, ret;
identifier rf = {remap_pfn_range, io_remap_pfn_range, vm_iomap_memory, vm_insert_pages};
expression list ES;
identifier E;
@@
int f(...) { <...
(
- if (rf(ES))
-	return -E;
+ desc->action.error_override = -E;
+ rf(ES);
|
- if (rf(ES)) {
-	return -E;
- }
+ desc->action.error_override = -E;
+ rf(ES);
|
- if (rf(ES) < 0)
-	return -E;
+ desc->action.error_override = -E;
+ rf(ES);
|
- ret = rf(ES);
- if (\(ret\|ret < 0\))
-	return -E;
+ desc->action.error_override = -E;
+ rf(ES);
)
...> }

@n_err@
identifier h.f, ret;
identifier rf = {remap_pfn_range, io_remap_pfn_range, vm_iomap_memory, vm_insert_pages, vm_map_pages, vm_map_pages_zero};
expression list ES;
@@
int f(...) { <...
(
- ret = rf(ES);
- if (\(ret\|ret < 0\))
-	return ret;
+ rf(ES);
|
- ret = rf(ES);
- return ret;
+ rf(ES);
+ return 0;
)
...> }
