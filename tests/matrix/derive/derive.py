#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Derive a header tree with an older mmap_prepare API shape from 7.3's.

    derive.py VERSION COMMON OBJ DEST

COMMON and OBJ are Debian's linux-headers-7.3.x-common and -amd64 trees
(as seen from where the build will run), DEST a new directory. The result is
DEST/common + DEST/obj, self-contained (scripts/tools copied, Makefile
pointing at DEST), hard-linked to the originals except for the files this
script rewrites:

  include/linux/mm_types.h  struct vm_area_desc, struct mmap_action,
                            enum mmap_action_type
  include/linux/mm.h        vm_operations_struct.mapped, vma_desc_*,
                            mmap_action_* helpers and prototypes
  include/linux/fs.h        compat_vma_mmap*/compat_set_desc_from_vma
  include/linux/dax.h, shmem_fs.h, pagemap.h (users of the above)
  OBJ/Module.symvers        exports of the mmap_prepare family
  OBJ/include/generated/utsrelease.h  release "<7.3 release>+derived-VERSION"

Each shape is the one the upstream and stable headers of that series have
(config/api-states.tsv lists the states; the struct layouts below are those
of the series' headers): the late Debian point release of each series, so
7.0 is the 7.0.13 shape. THESE TREES ARE DERIVED, NOT REAL KERNELS:
everything outside the mmap_prepare family is still 7.3.

Two FAKE shapes test what a kernel this package does not know gets:

  6.16+vma_flags_t  a partial backport: the 6.16 shape plus vma_flags_t and
                    the VMA_*_BIT numbers (matches no state; has .mmap)
  future            a kernel newer than this package: 7.3 without
                    file_operations.mmap and without vm_ops->mapped
                    (matches no state; has no .mmap)
"""
import os
import re
import shutil
import subprocess
import sys

VERSIONS = ["6.16", "6.17", "6.18", "6.19", "7.0.4", "7.0", "7.1",
            "6.16+vma_flags_t", "future"]

# fake shape -> the shape it starts from
FAKE = {"6.16+vma_flags_t": "6.16", "future": "7.3"}

# 7.0.4 (Debian's first 7.0) is the 7.0.13 shape before upstream 619eab23e1ce
# added bool is_compat to mmap_action_complete(); the stable drift that makes
# version checks useless.
STABLE = {"7.0.4": "7.0"}


def ver(v):
    return tuple(int(x) for x in v.split("."))


# ------------------------------------------------------------ shapes

DESC = {
    "6.16": """struct vm_area_desc {
	/* Immutable state. */
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;

	/* Mutable fields. Populated with initial state. */
	pgoff_t pgoff;
	struct file *file;
	vm_flags_t vm_flags;
	pgprot_t page_prot;

	/* Write-only fields. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;
};""",
    "6.18": """struct vm_area_desc {
	/* Immutable state. */
	const struct mm_struct *const mm;
	struct file *const file; /* May vary from vm_file in stacked callers. */
	unsigned long start;
	unsigned long end;

	/* Mutable fields. Populated with initial state. */
	pgoff_t pgoff;
	struct file *vm_file;
	vm_flags_t vm_flags;
	pgprot_t page_prot;

	/* Write-only fields. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;
};""",
    "6.19": """struct vm_area_desc {
	/* Immutable state. */
	const struct mm_struct *const mm;
	struct file *const file; /* May vary from vm_file in stacked callers. */
	unsigned long start;
	unsigned long end;

	/* Mutable fields. Populated with initial state. */
	pgoff_t pgoff;
	struct file *vm_file;
	union {
		vm_flags_t vm_flags;
		vma_flags_t vma_flags;
	};
	pgprot_t page_prot;

	/* Write-only fields. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;

	/* Take further action? */
	struct mmap_action action;
};""",
    "7.0": """struct vm_area_desc {
	/* Immutable state. */
	const struct mm_struct *const mm;
	struct file *const file; /* May vary from vm_file in stacked callers. */
	unsigned long start;
	unsigned long end;

	/* Mutable fields. Populated with initial state. */
	pgoff_t pgoff;
	struct file *vm_file;
	vma_flags_t vma_flags;
	pgprot_t page_prot;

	/* Write-only fields. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;

	/* Take further action? */
	struct mmap_action action;
};""",
}
DESC["6.17"] = DESC["6.16"]
# 7.1 has 7.3's layout (mm/file no longer const): left unchanged.

ENUM_3 = """enum mmap_action_type {
	MMAP_NOTHING,		/* Mapping is complete, no further action. */
	MMAP_REMAP_PFN,		/* Remap PFN range. */
	MMAP_IO_REMAP_PFN,	/* I/O remap PFN range. */
};"""

ACTION_619 = """struct mmap_action {
	union {
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
			pgprot_t pgprot;
		} remap;
	};
	enum mmap_action_type type;

	/*
	 * If specified, this hook is invoked after the selected action has been
	 * successfully completed. Note that the VMA write lock still held.
	 */
	int (*success_hook)(const struct vm_area_struct *vma);
	/*
	 * If specified, this hook is invoked when an error occurred when
	 * attempting the selection action.
	 */
	int (*error_hook)(int err);

	bool hide_from_rmap_until_complete :1;
};"""

ACTION_71 = """struct mmap_action {
	union {
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
			pgprot_t pgprot;
		} remap;
		struct {
			phys_addr_t start_phys_addr;
			unsigned long size;
		} simple_ioremap;
		struct {
			unsigned long start;
			struct page **pages;
			unsigned long nr_pages;
			pgoff_t pgoff;
		} map_kernel;
	};
	enum mmap_action_type type;

	int (*success_hook)(const struct vm_area_struct *vma);
	int (*error_hook)(int err);

	bool hide_from_rmap_until_complete :1;
};"""

# Exports of the family (late point release of each series).
# E = EXPORT_SYMBOL; absent = not exported.
EXPORTS = {
    "mmap_action_prepare": ("6.19", None),
    "mmap_action_complete": ("6.19", None),
    "compat_vma_mmap_prepare": ("6.16", "6.18"),
    "__compat_vma_mmap_prepare": ("6.18", "6.18"),
    "compat_vma_mmap": ("6.19", None),
    # 6.19 (f_op, file, vma); gone in 7.0.4+; back in 7.1 as (desc, vma)
    "__compat_vma_mmap": ("6.19", None),
    "compat_set_desc_from_vma": ("7.1", None),
    "map_kernel_pages_prepare": ("7.1", None),
    "map_kernel_pages_complete": ("7.1", None),
    "generic_file_mmap_prepare": ("6.17", None),
    "generic_file_readonly_mmap_prepare": ("6.17", None),
}


def exported(sym, v):
    first, last = EXPORTS[sym]
    if ver(v) < ver(first):
        return False
    if last and ver(v) > ver(last):
        return False
    if sym == "__compat_vma_mmap" and v == "7.0":
        return False
    return True


# ------------------------------------------------------------ editing

class Edit:
    def __init__(self, path):
        self.path = path
        with open(path) as f:
            self.text = f.read()
        self.orig = self.text

    def replace_block(self, start_re, new, what):
        """Replace 'start ... {...};' (balanced braces) with new."""
        m = re.search(start_re, self.text, re.M)
        if not m:
            sys.exit("derive: %s not found in %s" % (what, self.path))
        i = self.text.index("{", m.end() - 1)
        depth = 0
        for j in range(i, len(self.text)):
            c = self.text[j]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
        end = self.text.index(";", j) + 1
        self.text = self.text[:m.start()] + new + self.text[end:]

    def remove_block(self, start_re, what):
        self.replace_block(start_re, "", what)

    def remove_func(self, name):
        """Remove a static inline definition of name, with its comment."""
        pat = (r"(?:/\*(?:(?!\*/).)*?\*/\n)?"
               r"static (?:__always_inline |inline )+[^;{}()]*?\b%s\("
               % re.escape(name))
        m = re.search(pat, self.text, re.S)
        if not m:
            sys.exit("derive: function %s not found in %s" % (name,
                                                                 self.path))
        # keep a comment only when it does not belong to this function
        start = m.start()
        i = self.text.index("{", m.end())
        depth = 0
        for j in range(i, len(self.text)):
            if self.text[j] == "{":
                depth += 1
            elif self.text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
        end = j + 1
        if self.text[end:end + 1] == "\n":
            end += 1
        self.text = self.text[:start] + self.text[end:]

    def remove_macro(self, name):
        pat = r"(?:/\*(?:(?!\*/).)*?\*/\n)?#define %s\(.*?(?<!\\)\n" % (
            re.escape(name))
        m = re.search(pat, self.text, re.S)
        if not m:
            sys.exit("derive: macro %s not found in %s" % (name, self.path))
        self.text = self.text[:m.start()] + self.text[m.end():]

    def remove_proto(self, name):
        pat = r"^[a-z][^;{}()#]*?\b%s\([^;{}]*?\);\n" % re.escape(name)
        m = re.search(pat, self.text, re.M | re.S)
        if not m:
            sys.exit("derive: prototype %s not found in %s" % (name,
                                                                 self.path))
        self.text = self.text[:m.start()] + self.text[m.end():]

    def sub(self, old, new, count=1):
        if old not in self.text:
            sys.exit("derive: '%s' not found in %s" % (old.strip()[:60],
                                                        self.path))
        self.text = self.text.replace(old, new, count)

    def rename(self, regex, repl):
        self.text = re.sub(regex, repl, self.text)

    def save(self):
        if self.text == self.orig:
            return
        tmp = self.path + ".derive-tmp"
        with open(tmp, "w") as f:
            f.write(self.text)
        os.replace(tmp, self.path)   # breaks the hard link


# Names that exist in 7.3 headers for the kernel's own use but that a driver
# of an older series could not see: renamed (not removed) so the rest of
# the 7.3 headers still compiles.
def hide_tokens(v, keep_flags=False):
    hide = [r"\bvma_start_pgoff\b"] if ver(v) < ver("7.3") else []
    if ver(v) < ver("6.19") and not keep_flags:
        hide += [r"\bvma_flags_t\b", r"\bVMA_[A-Z0-9_]+_BIT\b",
                 r"\bmk_vma_flags\b", r"\bEMPTY_VMA_FLAGS\b"]
    return hide


def transform(v, common, obj):
    fake = v if v in FAKE else None
    v = FAKE.get(v, v)
    stable, v = v, STABLE.get(v, v)
    inc = os.path.join(common, "include", "linux")
    mt = Edit(os.path.join(inc, "mm_types.h"))
    mm = Edit(os.path.join(inc, "mm.h"))
    fs = Edit(os.path.join(inc, "fs.h"))
    dax = Edit(os.path.join(inc, "dax.h"))
    shm = Edit(os.path.join(inc, "shmem_fs.h"))
    old = ver(v) < ver("6.19")

    # struct vm_area_desc
    if v in DESC:
        mt.replace_block(r"^struct vm_area_desc \{", DESC[v],
                         "struct vm_area_desc")
    # struct mmap_action / enum mmap_action_type
    if old:
        mt.remove_block(r"^/\* What action should be taken after an "
                        r"\.mmap_prepare call is complete\? \*/\n"
                        r"enum mmap_action_type \{", "enum mmap_action_type")
        mt.remove_block(r"^/\*\n \* Describes an action an mmap_prepare "
                        r"hook(?:(?!\*/).)*\*/\nstruct mmap_action \{"
                        .replace("(?:(?!\\*/).)*", "[^/]*"),
                        "struct mmap_action")
    elif ver(v) < ver("7.1"):
        mt.replace_block(r"^enum mmap_action_type \{", ENUM_3,
                         "enum mmap_action_type")
        mt.replace_block(r"^struct mmap_action \{", ACTION_619,
                         "struct mmap_action")
    elif ver(v) < ver("7.2"):
        mt.replace_block(r"^struct mmap_action \{", ACTION_71,
                         "struct mmap_action")

    # vm_ops->mapped: 7.1+
    if ver(v) < ver("7.1"):
        mm.rename(r"(?s)\n\t/\*\*\n\t \* @mapped:(?:(?!\*/).)*?\*/\n"
                  r"\tint \(\*mapped\)\([^;]*\);", "")
        if "(*mapped)" in mm.text:
            sys.exit("derive: vm_operations_struct.mapped not removed")

    # vma_desc_* flag helpers
    if ver(v) < ver("7.0"):
        for f in ("vma_desc_test", "vma_desc_test_any_mask",
                  "vma_desc_test_all_mask", "vma_desc_set_flags_mask",
                  "vma_desc_clear_flags_mask"):
            mm.remove_func(f)
        for m in ("vma_desc_test_any", "vma_desc_test_all",
                  "vma_desc_set_flags", "vma_desc_clear_flags"):
            mm.remove_macro(m)
    elif ver(v) < ver("7.1"):
        # 7.0: vma_desc_test_flags(), set/clear unchanged
        mm.remove_func("vma_desc_test")
        mm.remove_func("vma_desc_test_all_mask")
        mm.remove_macro("vma_desc_test_all")
        mm.rename(r"\bvma_desc_test_any_mask\b", "vma_desc_test_flags_mask")
        mm.rename(r"\bvma_desc_test_any\b", "vma_desc_test_flags")
    if ver(v) < ver("7.2"):
        mm.remove_func("vma_desc_set_anonymous")      # 7.2+
    if old:
        mm.remove_func("vma_desc_is_cow_mapping")
        mm.remove_func("vma_desc_size")
        mm.remove_func("vma_desc_pages")
        mm.remove_func("range_in_vma_desc")
        for f in ("mmap_action_remap", "mmap_action_remap_full",
                  "mmap_action_ioremap", "mmap_action_ioremap_full"):
            mm.remove_func(f)
        mm.remove_proto("mmap_action_prepare")
        mm.remove_proto("mmap_action_complete")
        shm.remove_proto("shmem_zero_setup_desc")
    if ver(v) < ver("7.1"):
        for f in ("mmap_action_simple_ioremap",
                  "mmap_action_map_kernel_pages",
                  "mmap_action_map_kernel_pages_full"):
            mm.remove_func(f)
        mm.remove_proto("map_kernel_pages_prepare")
        mm.remove_proto("map_kernel_pages_complete")
    if v == "6.19":
        mm.sub("int mmap_action_prepare(struct vm_area_desc *desc);\n",
               "void mmap_action_prepare(struct mmap_action *action,\n"
               "\t\t\t struct vm_area_desc *desc);\n")
        mm.sub("int mmap_action_complete(struct vm_area_struct *vma,\n"
               "\t\t\t struct mmap_action *action, bool is_compat);\n",
               "int mmap_action_complete(struct mmap_action *action,\n"
               "\t\t\t struct vm_area_struct *vma);\n")

    # dax.h: users of vma_desc_test()
    if ver(v) < ver("7.0"):
        dax.rename(r"vma_desc_test\(desc, VMA_SYNC_BIT\)",
                   "(desc->vm_flags & VM_SYNC)")
    elif ver(v) < ver("7.1"):
        dax.rename(r"vma_desc_test\(desc, VMA_SYNC_BIT\)",
                   "vma_desc_test_flags(desc, VMA_SYNC_BIT)")

    # fs.h: the compat entry points
    protos_73 = ("void compat_set_desc_from_vma(struct vm_area_desc *desc, "
                 "const struct file *file,\n"
                 "\t\t\t      const struct vm_area_struct *vma);\n"
                 "int __compat_vma_mmap(struct vm_area_desc *desc, "
                 "struct vm_area_struct *vma);\n"
                 "int compat_vma_mmap(struct file *file, "
                 "struct vm_area_struct *vma);\n")
    new = None
    if ver(v) <= ver("6.17"):
        new = ("int compat_vma_mmap_prepare(struct file *file, "
               "struct vm_area_struct *vma);\n")
    elif v == "6.18":
        new = ("int __compat_vma_mmap_prepare(const struct file_operations "
               "*f_op,\n\t\tstruct file *file, struct vm_area_struct *vma);\n"
               "int compat_vma_mmap_prepare(struct file *file, "
               "struct vm_area_struct *vma);\n")
    elif v == "6.19":
        new = ("int __compat_vma_mmap(const struct file_operations *f_op,\n"
               "\t\tstruct file *file, struct vm_area_struct *vma);\n"
               "int compat_vma_mmap(struct file *file, "
               "struct vm_area_struct *vma);\n")
    elif v == "7.0":
        new = ("int compat_vma_mmap(struct file *file, "
               "struct vm_area_struct *vma);\n")
    if new is not None:
        fs.sub(protos_73, new)
    if ver(v) < ver("6.19"):
        fs.sub("\t\treturn compat_vma_mmap(file, vma);",
               "\t\treturn compat_vma_mmap_prepare(file, vma);")
    if ver(v) < ver("6.17"):
        fs.remove_proto("generic_file_mmap_prepare")
        fs.remove_proto("generic_file_readonly_mmap_prepare")

    if stable == "7.0.4":
        mm.sub("int mmap_action_complete(struct vm_area_struct *vma,\n"
               "\t\t\t struct mmap_action *action, bool is_compat);\n",
               "int mmap_action_complete(struct vm_area_struct *vma,\n"
               "\t\t\t struct mmap_action *action);\n")

    if fake == "future":
        # no file_operations.mmap, and no vm_ops->mapped
        fs.sub("\tint (*mmap) (struct file *, struct vm_area_struct *);\n",
               "")
        fs.sub("\tbool has_mmap = file->f_op->mmap;",
               "\tbool has_mmap = false;")
        fs.sub("\treturn file->f_op->mmap(file, vma);",
               "\treturn -ENODEV;")
        mm.rename(r"(?s)\n\t/\*\*\n\t \* @mapped:(?:(?!\*/).)*?\*/\n"
                  r"\tint \(\*mapped\)\([^;]*\);", "")
        if "(*mapped)" in mm.text:
            sys.exit("derive: vm_operations_struct.mapped not removed")

    edits = [mt, mm, fs, dax, shm]
    # names the older series did not have: hidden everywhere they occur
    hide = hide_tokens(v, keep_flags=fake == "6.16+vma_flags_t")
    users = subprocess.run(
        ["grep", "-rlE", "vma_start_pgoff|vma_flags_t|VMA_[A-Z0-9_]+_BIT|"
         "mk_vma_flags|EMPTY_VMA_FLAGS",
         os.path.join(common, "include"),
         os.path.join(common, "arch", "x86", "include")],
        capture_output=True, text=True).stdout.split()
    byname = {e.path: e for e in edits}
    for path in users:
        e = byname.get(path) or Edit(path)
        byname[path] = e
        for h in hide:
            e.rename(h, lambda m: "__mpc_derived_" + m.group(0))
    if ver(v) < ver("6.19") and fake != "6.16+vma_flags_t":
        # the VMA_*_BIT enum is built by token pasting
        mm.rename(r"\bVMA_ ## ", "__mpc_derived_VMA_ ## ")
    for e in byname.values():
        e.save()


def symvers(v, obj):
    path = os.path.join(obj, "Module.symvers")
    out = []
    with open(path) as f:
        for line in f:
            sym = line.split("\t")[1]
            if sym in EXPORTS and not exported(sym, v):
                continue
            out.append(line)
    have = {line.split("\t")[1] for line in out}
    for sym in EXPORTS:
        if exported(sym, v) and sym not in have:
            out.append("0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n" % sym)
    tmp = path + ".derive-tmp"
    with open(tmp, "w") as f:
        f.writelines(out)
    os.replace(tmp, path)


def copy_tree(common, obj, dest):
    dcommon = os.path.join(dest, "common")
    dobj = os.path.join(dest, "obj")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    # hard links: only the files rewritten below get their own copy
    subprocess.run(["cp", "-al", common, dcommon], check=True)
    subprocess.run(["cp", "-al", obj, dobj], check=True)
    for src, d in ((common, dcommon), (obj, dobj)):
        for name in ("scripts", "tools"):
            p = os.path.join(d, name)
            if os.path.islink(p):
                target = os.path.realpath(os.path.join(src, name))
                os.unlink(p)
                subprocess.run(["cp", "-al", target, p], check=True)
    # the copy is a hard link to the real tree's Makefile: unlink, never
    # write through it
    os.unlink(os.path.join(dobj, "Makefile"))
    with open(os.path.join(dobj, "Makefile"), "w") as f:
        f.write("# DERIVED header tree (tests/matrix/derive), not a real "
                "kernel\nKBUILD_OUTPUT=%s\ninclude %s/Makefile\n"
                % (dobj, dcommon))
    return dcommon, dobj


def set_release(v, obj):
    path = os.path.join(obj, "include", "generated", "utsrelease.h")
    with open(path) as f:
        text = f.read()
    text = re.sub(r'UTS_RELEASE "([^"]*)"',
                  lambda m: 'UTS_RELEASE "%s+derived-%s"' % (m.group(1), v),
                  text)
    tmp = path + ".derive-tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
    kr = os.path.join(obj, "include", "config", "kernel.release")
    if os.path.exists(kr):
        with open(kr) as f:
            rel = f.read().strip()
        os.unlink(kr)
        with open(kr, "w") as f:
            f.write("%s+derived-%s\n" % (rel, v))


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in VERSIONS:
        sys.exit("usage: derive.py {%s} COMMON OBJ DEST"
                 % "|".join(VERSIONS))
    v, common, obj, dest = sys.argv[1:]
    # work on the real paths when common/obj are chroot-relative links
    dcommon, dobj = copy_tree(common, obj, dest)
    transform(v, dcommon, dobj)
    base = FAKE.get(v, v)
    symvers(STABLE.get(base, base), dobj)
    set_release(v, dobj)
    with open(os.path.join(dest, "DERIVED"), "w") as f:
        f.write("API shape of %s derived from %s; not a real kernel\n"
                % (v, os.path.basename(obj)))


if __name__ == "__main__":
    main()
