#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Structure checks of GitHub workflow files.

  check.py runs REPO FILE...   every step's run: refers to at least one
                               script of the tree, and each exists
  check.py jobs FILE           print "JOB<TAB>KEY<TAB>VALUE" lines: the
                               runs-on, strategy matrix, cache keys,
                               needs, step env and run: lines of every
                               job ("step-if" with the condition and the
                               first run: line of a conditional step), and the
                               workflow's triggers as "on<TAB>EVENT<TAB>...",
                               for the shell tests to grep

Exit status 1 with one line per problem.
"""
import json
import os
import re
import sys

import yaml

# A script of the tree: a path under one of these directories.
SCRIPT = re.compile(r"""(?:^|[\s"'=(])((?:\./)?(?:scripts|tests|config|Documentation|\.ci)/[\w./+-]*\w)""")


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict) or "jobs" not in doc:
        raise SystemExit(f"{path}: not a workflow (no jobs)")
    return doc


def steps(doc):
    for name, job in (doc.get("jobs") or {}).items():
        for i, step in enumerate(job.get("steps") or []):
            yield name, i, step


def runs(repo, files):
    problems = 0
    checked = 0
    for path in files:
        for job, i, step in steps(load(path)):
            if "run" not in step:
                continue
            checked += 1
            where = f"{path}: job {job}, step {i + 1} ({step.get('name', step['run'].splitlines()[0])})"
            refs = SCRIPT.findall(step["run"])
            if not refs:
                print(f"{where}: run: refers to no script of the tree: {step['run'].strip()}")
                problems += 1
            for ref in refs:
                if not os.path.isfile(os.path.join(repo, ref)):
                    print(f"{where}: {ref} does not exist")
                    problems += 1
    print(f"check.py: {checked} run: steps in {len(files)} files, {problems} problems")
    return 1 if problems else 0


def jobs(path):
    doc = load(path)
    # PyYAML reads the key "on" as the boolean True.
    on = doc.get("on", doc.get(True))
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = {e: None for e in on}
    for event, spec in (on or {}).items():
        print(f"on\t{event}\t{json.dumps(spec)}")
    for name, job in doc["jobs"].items():
        print(f"{name}\truns-on\t{job.get('runs-on')}")
        needs = job.get("needs", [])
        for n in [needs] if isinstance(needs, str) else needs:
            print(f"{name}\tneeds\t{n}")
        matrix = (job.get("strategy") or {}).get("matrix")
        if matrix is not None:
            print(f"{name}\tmatrix\t{json.dumps(matrix)}")
        for n, outp in (job.get("outputs") or {}).items():
            print(f"{name}\toutput\t{n}={outp}")
        for _, _, step in steps({"jobs": {name: job}}):
            uses = step.get("uses", "")
            w = step.get("with") or {}
            if uses.startswith("actions/cache"):
                print(f"{name}\tcache-key\t{w.get('key')}")
                print(f"{name}\tcache-path\t{json.dumps(w.get('path'))}")
            elif uses.startswith("actions/upload-artifact"):
                print(f"{name}\tupload\t{w.get('name')}\t{json.dumps(w.get('path'))}")
            for k, v in (step.get("env") or {}).items():
                print(f"{name}\tenv\t{k}={v}")
            if "run" in step:
                if "if" in step:
                    first = step["run"].splitlines()[0]
                    print(f"{name}\tstep-if\t{step['if']}\t{first}")
                for line in step["run"].splitlines():
                    print(f"{name}\trun\t{line}")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "runs":
        return runs(argv[2], argv[3:])
    if len(argv) == 3 and argv[1] == "jobs":
        return jobs(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
