#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The 7.3 names a driver can use in an mmap_prepare hook, and a check that
the KUnit suite touches each of them.

    tests/kunit/api-names.py --linux TREE            print the list
    tests/kunit/api-names.py --linux TREE --check    compare with api-names.txt
                                                      and api_use_kunit.c

TREE is a Linux 7.3 source tree (the lint suite extracts the two headers
read here from Debian's linux-source-7.3). The list holds every VMA flag
helper, descriptor helper, action helper and flag mask that 7.3's
include/linux/mm.h and mm_types.h define, minus the mm-internal ones in
INTERNAL below. --check fails when the headers gained or lost a name (the
next name upstream adds must be provided and tested here) or when
api_use_kunit.c does not use a listed name.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIST = os.path.join(HERE, "api-names.txt")
USER = os.path.join(HERE, "api_use_kunit.c")
HEADERS = ("include/linux/mm.h", "include/linux/mm_types.h")

DRIVER_FACING = re.compile(
    r"^(vma_flags_\w+|vma_desc_\w+|mk_vma_flags\w*|append_vma_flags|"
    r"mmap_action_\w+|legacy_to_vma_flags|range_in_vma_desc|"
    r"VMA_[A-Z0-9_]+|EMPTY_VMA_FLAGS)$")

# mm-internal names: they act on live VMAs or on exec/stack set-up, never on
# a descriptor in an mmap_prepare hook.
INTERNAL = re.compile(
    r"^(VMA_DATA_\w+|VMA_STACK_\w+|VMA_STARTGAP_FLAGS|VMA_STICKY_FLAGS|"
    r"VMA_IGNORE_MERGE_FLAGS|VMA_ITERATOR|VMA_LOCKED_MASK|"
    r"vma_flags_\w*word\w*|vma_flags_reset_once|vma_flags_can_grow|"
    r"vma_flags_to_page_prot)$")


def names_of(tree):
    found = set()
    for rel in HEADERS:
        with open(os.path.join(tree, rel), encoding="utf-8") as f:
            text = f.read()
        found.update(re.findall(r"^#define\s+([A-Za-z_]\w*)", text, re.M))
        found.update(re.findall(
            r"^(?:static\s+(?:inline|__always_inline)\s+)?[A-Za-z_][\w \*]*?"
            r"\b([a-z_][a-z0-9_]*)\s*\(", text, re.M))
    return sorted(n for n in found
                  if DRIVER_FACING.match(n) and not n.endswith("_BIT")
                  and not INTERNAL.match(n))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linux", required=True, help="Linux 7.3 source tree")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    names = names_of(args.linux)
    if not args.check:
        print("\n".join(names))
        return 0

    with open(LIST, encoding="utf-8") as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    with open(USER, encoding="utf-8") as f:
        used = set(re.findall(r"\b[A-Za-z_]\w*\b", f.read()))
    bad = 0
    for n in sorted(set(names) - set(listed)):
        print(f"api-names: 7.3 has {n}, api-names.txt does not: provide it "
              "in include/ and use it in api_use_kunit.c")
        bad = 1
    for n in sorted(set(listed) - set(names)):
        print(f"api-names: api-names.txt lists {n}, 7.3 does not have it")
        bad = 1
    for n in listed:
        if n not in used:
            print(f"api-names: api_use_kunit.c does not use {n}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
