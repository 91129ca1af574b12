// SPDX-License-Identifier: GPL-2.0
//
// mpc-port rule set, part 00: which functions the later parts rewrite.
//
// Matches: every "int fn(struct file *, struct vm_area_struct *)" function
// whose name mpc-port put in $MPC_PORT_HOOKS (the legacy .mmap hooks it found
// safe to convert). The script rule hands on f (the hook), fp (its file
// parameter) and v (its VMA parameter); every later part inherits these from rule "h", so nothing
// outside the selected hooks is touched.
//
// Mirrors: the scope of upstream's own conversions (e.g. hpet_mmap() ->
// hpet_mmap_prepare(), drivers/char/hpet.c, Linux 7.3): one hook at a time.
//
// The parts are not standalone: scripts/mpc-port concatenates 00-*.cocci ..
// 99-*.cocci into one semantic patch and runs spatch once per file.

@initialize:python@
@@
import os
import re

HOOKS = set(filter(None, os.environ.get('MPC_PORT_HOOKS', '').split(',')))
# hook -> the call part 55 removes from it ("->open" for vma->vm_ops->open()).
MAPPED = dict(e.split('=', 1) for e in
              filter(None, os.environ.get('MPC_PORT_MAPPED', '').split(',')))


# outer .mmap hook -> the legacy .mmap hook of this file it ends by calling,
# which the rules convert too (part 80).
STACKED = dict(e.split('=', 1) for e in
               filter(None, os.environ.get('MPC_PORT_STACKED', '').split(',')))


def new_name(fn):
    """The name mpc-port gives a converted hook (foo_mmap_prepare)."""
    fn = str(fn)
    return fn + '_prepare' if fn.endswith('mmap') else fn + '_mmap_prepare'


def is_stacked_inner(inner):
    """Part 80 rewrites calls of inner in the outer hooks."""
    return str(inner) in STACKED.values()


def moves(f, call):
    """Part 55 removes the call statement call() from hook f."""
    return MAPPED.get(str(f)) == str(call)


def moves_open(f, field):
    """Part 55 removes vma->vm_ops->open(vma) from hook f."""
    return str(field) == 'open' and MAPPED.get(str(f)) == '->open'


def _norm(e):
    return re.sub(r'\s+', '', str(e))


def vma_bits(e):
    """VM_A | VM_B -> "VMA_A_BIT, VMA_B_BIT"; anything else is refused."""
    names = [p.strip().strip('()').strip() for p in _norm(e).split('|')]
    if not names or not all(re.fullmatch(r'VM_[A-Z0-9_]+', n) for n in names):
        return 'MPC_PORT_UNCONVERTIBLE_FLAGS'
    return ', '.join('VMA_%s_BIT' % n[3:] for n in names)

@hook@
identifier fn, fl, vma;
@@
int fn(struct file *fl, struct vm_area_struct *vma) { ... }

@script:python h@
fn << hook.fn;
fl << hook.fl;
vma << hook.vma;
f;
fp;
v;
@@
if fn not in HOOKS:
    cocci.include_match(False)
else:
    coccinelle.f = cocci.make_ident(fn)
    coccinelle.fp = cocci.make_ident(fl)
    coccinelle.v = cocci.make_ident(vma)
