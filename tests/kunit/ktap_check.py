#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the raw console output of a KUnit UML run (tests/kunit/run.sh).

Parses the KTAP of the mpc_* suites and scans the whole kernel log for
reports: any WARNING/BUG (KASAN, lockdep, DEBUG_VM, DEBUG_OBJECTS, ...)
fails the run, except the one-time WARN of the invalid error_override case.
That WARN is allowed only

  * inside test case mpc_override_invalid of a suite mpc_error_override_*,
  * at a source line (looked up in the kernel tree) that is the
    error_override check "WARN_ON_ONCE(override && !IS_ERR_VALUE(override))",
  * exactly once per such suite (a missing WARN is a failure as well).

Output: one line per suite, the diagnostics of every failed case, every
unexpected report, and a last line "TARGET: N passed, N failed".
"""
import argparse
import os
import re
import sys

TS_RE = re.compile(r'^\[\s*\d+\.\d+\]\s?')
SUBTEST_RE = re.compile(r'^(\s*)# Subtest: (\S+)')
RESULT_RE = re.compile(r'^(\s*)(not ok|ok) (\d+) (?:- )?([^#\s]+)(?:\s*#\s*(\S+)(.*))?')
REPORT_RE = re.compile(
    r'(WARNING:|BUG:|kernel BUG at|Kernel panic|UBSAN:|Oops:|'
    r'general protection fault|Unable to handle kernel|INFO: task .* blocked|'
    r'ODEBUG:)')
WARN_LOC_RE = re.compile(
    r'WARNING: (?:CPU: \d+ PID: \d+ at )?(\S+?):(\d+) (?:at )?([\w.]+)\+0x')
ALLOWED_SRC_RE = re.compile(r'WARN_ON_ONCE\(\s*override\s*&&\s*!IS_ERR_VALUE\(\s*override\s*\)\s*\)')
ALLOWED_CASE = 'mpc_override_invalid'
ALLOWED_SUITE_PREFIX = 'mpc_error_override_'


def source_line(tree, path, lineno):
    """The text of PATH:LINENO, PATH as __FILE__ gave it."""
    cands = [path] if os.path.isabs(path) else [os.path.join(tree, path)]
    for cand in cands:
        try:
            with open(cand, errors='replace') as f:
                for i, line in enumerate(f, 1):
                    if i == lineno:
                        return line
        except OSError:
            pass
    return ''


class Suite:
    def __init__(self, name):
        self.name = name
        self.cases = []          # (name, ok, directive, diag lines)
        self.pending = []        # lines since the last case result
        self.reports = []        # (case, line, allowed)
        self.done = False
        self.plan = None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--target', required=True)
    ap.add_argument('--tree', required=True)
    ap.add_argument('--expect-suite', action='append', default=[])
    ap.add_argument('log')
    a = ap.parse_args()

    with open(a.log, errors='replace') as f:
        lines = [TS_RE.sub('', l.rstrip('\n')) for l in f]

    suites = {}
    order = []
    cur = None
    outside_reports = []
    suite_indent = None

    for line in lines:
        m = SUBTEST_RE.match(line)
        if m and m.group(2).startswith('mpc_') and len(m.group(1)) > 0:
            cur = Suite(m.group(2))
            suite_indent = m.group(1)
            suites[cur.name] = cur
            order.append(cur.name)
            continue
        if cur is not None and not cur.done:
            m = RESULT_RE.match(line)
            if m and m.group(1) == suite_indent:
                name = m.group(4)
                ok = m.group(2) == 'ok'
                directive = (m.group(5) or '').upper()
                diag = [l for l in cur.pending if l.startswith(suite_indent)
                        and not l.strip().startswith(('KTAP', '1..'))]
                for i, (c, rl, al) in enumerate(cur.reports):
                    if c is None:
                        cur.reports[i] = (name, rl, al)
                cur.cases.append((name, ok, directive, diag))
                cur.pending = []
                continue
            if m and len(m.group(1)) < len(suite_indent) and m.group(4) == cur.name:
                cur.done = True
                continue
            if re.match(r'^\s*1\.\.(\d+)', line) and cur.plan is None and not cur.cases:
                cur.plan = int(re.match(r'^\s*1\.\.(\d+)', line).group(1))
                continue
            cur.pending.append(line)
            if REPORT_RE.search(line):
                cur.reports.append((None, line, None))
            continue
        if REPORT_RE.search(line):
            outside_reports.append(line)

    npass = nfail = 0
    out = []
    problems = []

    for exp in a.expect_suite:
        if exp not in suites:
            problems.append(f'suite {exp} did not run')
            nfail += 1

    for name in order:
        s = suites[name]
        p = sum(1 for c in s.cases if c[1] and c[2] != 'SKIP')
        sk = sum(1 for c in s.cases if c[2] == 'SKIP')
        f = sum(1 for c in s.cases if not c[1])
        failed_cases = [c for c in s.cases if not c[1]]
        extra = []
        # reports inside the suite
        allowed_seen = 0
        for case, rl, _ in s.reports:
            m = WARN_LOC_RE.search(rl)
            ok = False
            if (m and case == ALLOWED_CASE and name.startswith(ALLOWED_SUITE_PREFIX)):
                src = source_line(a.tree, m.group(1), int(m.group(2)))
                if ALLOWED_SRC_RE.search(src):
                    allowed_seen += 1
                    ok = allowed_seen == 1
            if not ok:
                extra.append(f'unexpected report in case {case or "?"}: {rl.strip()}')
        if name.startswith(ALLOWED_SUITE_PREFIX) and allowed_seen == 0:
            extra.append(f'expected one-time WARN of the error_override check '
                         f'in {ALLOWED_CASE} was not seen')
        if s.plan is not None and len(s.cases) < s.plan:
            extra.append(f'only {len(s.cases)} of {s.plan} cases reported '
                         f'(crash or timeout?)')
        if not s.done:
            extra.append('suite did not finish')
        f += len(extra) if extra else 0
        npass += p
        nfail += f
        status = 'PASS' if f == 0 else 'FAIL'
        out.append(f'{a.target:<10} {name:<28} {status}  {p} passed, {f} failed'
                   + (f', {sk} skipped' if sk else ''))
        for c in failed_cases:
            out.append(f'    not ok {c[0]}')
            for d in c[3][:30]:
                out.append(f'        {d.strip()}')
        for e in extra:
            out.append(f'    {e}')

    for rl in outside_reports:
        problems.append(f'report outside the mpc suites: {rl.strip()}')
        nfail += 1
    if not order:
        problems.append('no mpc_* suite ran (boot failure? see the log)')
        nfail += 1
        tail = [l for l in lines if l.strip()][-25:]
        problems.extend('  | ' + l for l in tail)

    for l in out:
        print(l)
    for pr in problems:
        print(f'{a.target:<10} {pr}')
    print(f'{a.target}: {npass} passed, {nfail} failed')
    return 0 if nfail == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
