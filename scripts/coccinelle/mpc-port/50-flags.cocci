// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 50: VMA flag edits and tests.
//
// Matches, inside a selected hook (flag masks must be VM_* names or-ed
// together; anything else becomes MPC_PORT_UNCONVERTIBLE_FLAGS, which
// mpc-port sees and then refuses the hook):
//   vm_flags_set(vma, VM_A | VM_B);  vma->vm_flags |= VM_A | VM_B;
//     -> vma_desc_set_flags(desc, VMA_A_BIT, VMA_B_BIT);
//   vm_flags_clear(vma, VM_A);       vma->vm_flags &= ~VM_A;
//     -> vma_desc_clear_flags(desc, VMA_A_BIT);
//   vm_flags_mod(vma, SET, CLEAR);   -> both of the above
//   is_cow_mapping(vma->vm_flags), (vma->vm_flags & (VM_SHARED | VM_MAYWRITE))
//     == VM_MAYWRITE                 -> vma_desc_is_cow_mapping(desc)
//   vma->vm_flags & VM_A             -> vma_desc_test(desc, VMA_A_BIT)
//   vma->vm_flags & (VM_A | VM_B)    -> vma_desc_test_any(desc, VMA_A_BIT, ...)
//
// Mirrors: open_dice_mmap_prepare() (drivers/misc/open-dice.c) and
// mtdchar_mmap_prepare() (drivers/mtd/mtdchar.c) in Linux 7.3, which replaced
// vm_flags tests and edits with vma_desc_test() / vma_desc_*_flags().

@f_set@
identifier h.f, h.v;
expression E;
fresh identifier B = script:python(E) { vma_bits(E) };
@@
int f(...) { <...
(
- vm_flags_set(v, E);
+ vma_desc_set_flags(desc, B);
|
- v->vm_flags |= E;
+ vma_desc_set_flags(desc, B);
)
...> }

@f_clear@
identifier h.f, h.v;
expression E;
fresh identifier B = script:python(E) { vma_bits(E) };
@@
int f(...) { <...
(
- vm_flags_clear(v, E);
+ vma_desc_clear_flags(desc, B);
|
- v->vm_flags &= ~E;
+ vma_desc_clear_flags(desc, B);
|
- v->vm_flags &= ~(E);
+ vma_desc_clear_flags(desc, B);
)
...> }

@f_mod@
identifier h.f, h.v;
expression E1, E2;
fresh identifier B1 = script:python(E1) { vma_bits(E1) };
fresh identifier B2 = script:python(E2) { vma_bits(E2) };
@@
int f(...) { <...
- vm_flags_mod(v, E1, E2);
+ vma_desc_set_flags(desc, B1);
+ vma_desc_clear_flags(desc, B2);
...> }

@f_cow@
identifier h.f, h.v;
@@
int f(...) { <...
(
- is_cow_mapping(v->vm_flags)
+ vma_desc_is_cow_mapping(desc)
|
- (v->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE
+ vma_desc_is_cow_mapping(desc)
)
...> }

@f_test_m@
identifier h.f, h.v;
expression E;
@@
int f(...) { <...
  v->vm_flags & E
...> }

@script:python f_test_s@
e << f_test_m.E;
tst;
bits;
@@
b = vma_bits(e)
coccinelle.tst = cocci.make_ident('vma_desc_test_any' if ',' in b else 'vma_desc_test')
coccinelle.bits = cocci.make_ident(b)

@f_test@
identifier h.f, h.v, f_test_s.tst, f_test_s.bits;
expression f_test_m.E;
@@
int f(...) { <...
(
- (v->vm_flags & E)
+ tst(desc, bits)
|
- v->vm_flags & E
+ tst(desc, bits)
)
...> }
