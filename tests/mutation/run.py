#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutation pass over compat/ and include/: apply each single-point mutant of
mutants.tsv to a copy of the tree, run the unit suite (tests/unit/run.sh)
and count the mutants it catches. A mutant the suite does not catch is a
missing test.

    tests/mutation/run.py [-j JOBS] [FILTER]

FILTER keeps the mutants whose description or file contains it. Prints one
TAP line per mutant, "caught N/M", and "N passed, N failed" (a survivor or a
mutant whose text is not found exactly once is a failure). Exit status 0
iff every mutant was caught.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
COPY = ("compat", "include", "tests/unit")


def unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(text[i + 1],
                                                               text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def load():
    mutants = []
    with open(os.path.join(HERE, "mutants.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                sys.exit(f"mutants.tsv:{n}: expected 4 tab-separated fields")
            path, old, new, what = fields
            mutants.append((path, unescape(old), unescape(new), what))
    return mutants


def run_one(mutant):
    """Return (verdict, detail): caught, survived or bad."""
    path, old, new, what = mutant
    with tempfile.TemporaryDirectory(prefix="mpc-mutant.") as tmp:
        for d in COPY:
            shutil.copytree(os.path.join(TOP, d), os.path.join(tmp, d))
        target = os.path.join(tmp, path)
        with open(target, encoding="utf-8") as f:
            text = f.read()
        count = text.count(old)
        if count != 1:
            return "bad", f"text found {count} times in {path}"
        with open(target, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        env = dict(os.environ, CFLAGS="-O0", TMPDIR=tmp)
        res = subprocess.run(["sh", os.path.join(tmp, "tests/unit/run.sh")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             env=env, check=False)
        if res.returncode == 0:
            return "survived", "the unit suite passed"
        failed = [line.split(" - ", 1)[-1]
                  for line in res.stdout.decode(errors="replace").splitlines()
                  if line.startswith("not ok")]
        return "caught", (failed[0] if failed else "build or exit status")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("filter", nargs="?", default="")
    args = ap.parse_args()

    mutants = [m for m in load() if args.filter in m[3] or args.filter in m[0]]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run_one, mutants))

    caught = failed = 0
    print(f"1..{len(mutants)}")
    for i, ((path, _, _, what), (verdict, detail)) in enumerate(
            zip(mutants, results), 1):
        if verdict == "caught":
            caught += 1
            print(f"ok {i} - {path}: {what} (caught by {detail})")
        else:
            failed += 1
            print(f"not ok {i} - {path}: {what}: {verdict}: {detail}")
    print(f"caught {caught}/{len(mutants)}")
    print(f"{caught} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
