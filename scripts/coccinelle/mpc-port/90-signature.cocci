// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 90 (last): the hook's prototype.
//
// Matches: a selected hook "int fn(struct file *file, struct vm_area_struct
// *vma)". The parameters become "struct vm_area_desc *desc"; a hook that
// used its file parameter (that definition, not a stub of the same name in
// an #else branch) gets "struct file *file = desc->file;" as its first
// declaration. mpc-port renames fn (foo_mmap -> foo_mmap_prepare) itself,
// together with its file_operations entry.
//
// Mirrors: hpet_mmap_prepare() and open_dice_mmap_prepare() in Linux 7.3,
// which start with "struct file *file = desc->file;".

@uses_file@
identifier h.f, h.fp;
position p;
@@
int f@p(...) { <+... fp ...+> }

@@
identifier h.f, h.fp;
position uses_file.p;
@@
int f@p(...) {
+ struct file *fp = desc->file;
  ...
}

@@
identifier h.f, h.fp, h.v;
@@
int f(
- struct file *fp, struct vm_area_struct *v
+ struct vm_area_desc *desc
  ) { ... }
