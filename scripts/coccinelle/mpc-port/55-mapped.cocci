// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 55: per-mapping work that moves to ->mapped.
//
// Matches, inside a selected hook for which mpc-port planned a ->mapped hook
// ($MPC_PORT_MAPPED, "hook=call"), the one statement that did the work:
//   kref_get(&d->ref);      (or get_device(), pm_runtime_get*(),
//                           refcount_inc(), atomic_inc() ...)
//   foo_vm_open(vma);       (the ->open of the vm_ops the hook installs)
//   vma->vm_ops->open(vma);
// and removes it. mpc-port itself adds the ->mapped hook that does the same
// work (the reference call with the locals it needs, or the ->open body on
// the ->mapped parameters) above the vm_ops and names it in them; it checked
// that nothing after the statement can fail but the mapping itself, so the
// work still happens exactly when the mapping was made.
//
// Mirrors: stm_char_mmap_prepare() and stm_mmap_mapped()
// (drivers/hwtracing/stm/core.c, Linux 7.3), where the runtime PM reference
// that 6.1's stm_char_mmap() took moved to ->mapped, and vme_user_vm_mapped()
// (drivers/staging/vme_user/vme_user.c); the "Mapped callback" section of
// Documentation/filesystems/mmap_prepare.rst.

// The constraints, not script rules with include_match(False): those would
// drop the hook's environment for every later part too.

@mp@
identifier h.f;
identifier rf : script:python (f) { moves(f, rf) };
expression list ES;
@@
int f(...) { <...
- rf(ES);
...> }

@mp_open@
identifier h.f, h.v;
identifier op : script:python (f) { moves_open(f, op) };
@@
int f(...) { <...
- v->vm_ops->op(v);
...> }
