#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The mpc-port corpus: upstream's own .mmap -> .mmap_prepare conversions.

    corpus.py extract SRC61.deb SRC73.deb CACHE   -> prints the corpus dir
    corpus.py port CORPUS WORK                    run mpc-port on every file
    corpus.py table CORPUS WORK LABEL...          print the table (rst)

extract: reads Debian's linux-source-6.1 and -7.3 packages, finds every .c
file whose 7.3 version sets .mmap_prepare and whose 6.1 version sets .mmap,
and keeps both versions plus the 6.1 headers of the same directory (for an
out-of-tree build) and the sibling .c files that define a hook a listed file
only names (ceph_mmap() in fs/ceph/addr.c, for fs/ceph/file.c: mpc-port
looks there and says so) under CACHE/port-corpus/ (once per pair of
packages).
port: copies each 6.1 file to WORK/N/conv/ and WORK/N/orig/, runs mpc-port
--in-place --report on the conv copy and records the time it took. table:
reads the reports and the build results WORK/N/{orig,conv}.LABEL (written
by corpus.sh) and compares each converted hook with upstream's 7.3 one;
"7.3 round trip" says whether upstream's 7.3 file, wired and unwired, came
back byte for byte (- when there was nothing to wire).
Nothing of the kernel is kept in the repository: only the table.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, '..', '..', 'scripts', 'mpc-port')


def inner_tar(deb):
    """The linux-source-X.tar.xz inside the .deb, as a streaming tarfile."""
    data = subprocess.Popen(['dpkg-deb', '--fsys-tarfile', deb],
                            stdout=subprocess.PIPE)
    outer = tarfile.open(fileobj=data.stdout, mode='r|')
    for m in outer:
        if re.search(r'linux-source-[\d.]+\.tar\.xz$', m.name):
            return tarfile.open(fileobj=outer.extractfile(m), mode='r|xz')
    raise SystemExit('%s: no linux-source tarball inside' % deb)


def read(tar, member):
    return tar.extractfile(member).read().decode('utf-8', 'replace')


def strip(name):
    return name.split('/', 1)[1] if '/' in name else name


def extract(deb61, deb73, cache):
    key = '%s+%s v2' % (os.path.basename(deb61), os.path.basename(deb73))
    out = os.path.join(cache, 'port-corpus')
    stamp = os.path.join(out, 'stamp')
    if os.path.exists(stamp) and open(stamp).read().strip() == key:
        print(out)
        return
    os.makedirs(out, exist_ok=True)
    new = {}
    tar = inner_tar(deb73)
    for m in tar:
        if m.isfile() and m.name.endswith('.c'):
            text = read(tar, m)
            if re.search(r'\.mmap_prepare\s*=', text):
                new[strip(m.name)] = text
    old = {}
    headers = {}
    others = {}
    dirs = {os.path.dirname(p) for p in new}
    tar = inner_tar(deb61)
    for m in tar:
        if not m.isfile():
            continue
        p = strip(m.name)
        if p in new:
            text = read(tar, m)
            if re.search(r'\.mmap\s*=', text):
                old[p] = text
            else:
                others[p] = text
        elif p.endswith('.h') and os.path.dirname(p) in dirs:
            headers[p] = read(tar, m)
        elif p.endswith('.c') and os.path.dirname(p) in dirs:
            others[p] = read(tar, m)
    # The sibling files that define a hook a listed file only names (ceph's
    # ceph_mmap() is in fs/ceph/addr.c): mpc-port looks there for it.
    for p, text in list(old.items()):
        for fn in re.findall(r'\.mmap\s*=\s*(\w+)', text):
            if re.search(r'\b%s\s*\(\s*struct file\b[^;]*\)\s*\{' % fn, text):
                continue
            for q, qt in sorted(others.items()):
                if os.path.dirname(q) == os.path.dirname(p) and re.search(
                        r'\b%s\s*\(\s*struct file\b[^;]*\)\s*\{' % fn, qt):
                    headers[q] = qt
    for tree, files in (('6.1', old), ('7.3', {p: new[p] for p in old}),
                        ('6.1', headers)):
        for p, text in files.items():
            dst = os.path.join(out, tree, p)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, 'w', encoding='utf-8') as f:
                f.write(text)
    with open(os.path.join(out, 'list'), 'w') as f:
        f.write(''.join(p + '\n' for p in sorted(old)))
    with open(stamp, 'w') as f:
        f.write(key + '\n')
    print(out)


def partners(d, name):
    """The files of d that mpc-port converts with name: the sibling .c files
    that define a hook name's file_operations only name, and the headers
    that declare it (fs/ceph/addr.c and super.h, for fs/ceph/file.c)."""
    text = open(os.path.join(d, name), encoding='utf-8').read()
    out = []
    for fn in re.findall(r'\.mmap\s*=\s*(\w+)', text):
        if re.search(r'\b%s\s*\(\s*struct file\b[^;]*\)\s*\{' % fn, text):
            continue
        for f in sorted(os.listdir(d)):
            if f == name or f in out or not f.endswith(('.c', '.h')):
                continue
            t = open(os.path.join(d, f), encoding='utf-8').read()
            pat = r'\{' if f.endswith('.c') else ';'
            if re.search(r'\b%s\s*\(\s*struct file\b[^;{]*\)\s*%s'
                         % (fn, pat), t):
                out.append(f)
    return out


def port(corpus, work):
    files = open(os.path.join(corpus, 'list')).read().split()
    total = time.monotonic()
    for i, p in enumerate(files, 1):
        d = os.path.join(work, str(i))
        src = os.path.join(corpus, '6.1', p)
        hdir = os.path.dirname(src)
        for sub in ('orig', 'conv'):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
            for h in os.listdir(hdir):
                if h.endswith(('.h', '.c')) and h != os.path.basename(p):
                    with open(os.path.join(hdir, h), 'rb') as f:
                        data = f.read()
                    with open(os.path.join(d, sub, h), 'wb') as f:
                        f.write(data)
            with open(src, 'rb') as f:
                data = f.read()
            with open(os.path.join(d, sub, os.path.basename(p)), 'wb') as f:
                f.write(data)
        mates = partners(os.path.join(d, 'conv'), os.path.basename(p))
        # The objects to build: the file, and the partner .c files that
        # mpc-port converts with it (ceph's addr.c).
        with open(os.path.join(d, 'name'), 'w') as f:
            f.write(''.join(n[:-2] + '\n' for n in [os.path.basename(p)] +
                            [m for m in mates if m.endswith('.c')]))
        t0 = time.monotonic()
        r = subprocess.run([TOOL, '--in-place', '--report', 'report.jsonl',
                            os.path.basename(p)] + mates,
                           cwd=os.path.join(d, 'conv'),
                           capture_output=True, text=True, check=False)
        dt = time.monotonic() - t0
        # Upstream's own 7.3 file: wiring then --unwire gives it back.
        up = os.path.join(corpus, '7.3', p)
        rt = os.path.join(d, 'rt')
        os.makedirs(rt, exist_ok=True)
        rtf = os.path.join(rt, os.path.basename(p))
        with open(up, 'rb') as f:
            orig = f.read()
        with open(rtf, 'wb') as f:
            f.write(orig)
        subprocess.run([TOOL, '--in-place', '--report', os.devnull, rtf],
                       capture_output=True, check=False)
        with open(rtf, 'rb') as f:
            wired = f.read() != orig
        subprocess.run([TOOL, '--in-place', '--unwire', rtf],
                       capture_output=True, check=False)
        with open(rtf, 'rb') as f:
            same = f.read() == orig
        with open(os.path.join(d, 'meta.json'), 'w') as f:
            json.dump({'path': p, 'rc': r.returncode, 'seconds': dt,
                       'stderr': r.stderr[-500:],
                       'roundtrip': ('yes' if same else 'NO') if wired
                       else '-'}, f)
        print('%-40s exit %d  %.2f s' % (p, r.returncode, dt))
    print('corpus: %d files in %.1f s' % (len(files),
                                          time.monotonic() - total))


def hook_bodies(text, names):
    out = []
    for n in names:
        for mt in re.finditer(r'^[^\n;]*\b%s\s*\([^;{]*\)\s*\{' % re.escape(n),
                              text, re.M):
            depth, i = 0, mt.end() - 1
            for j in range(i, len(text)):
                if text[j] == '{':
                    depth += 1
                elif text[j] == '}':
                    depth -= 1
                    if depth == 0:
                        out.append(text[i:j + 1])
                        break
    return '\n'.join(out)


def features(body):
    return (sorted(set(re.findall(r'\bmmap_action_\w+', body))),
            sorted(set(re.findall(r'\bVMA_\w+_BIT\b', body))),
            sorted(set(re.findall(r'-E[A-Z]+\b', body))))


def compare(corpus, p, conv_text, converted):
    up = open(os.path.join(corpus, '7.3', p), encoding='utf-8').read()
    up_names = re.findall(r'\.mmap_prepare\s*=\s*(\w+)', up)
    ours = features(hook_bodies(conv_text, converted))
    theirs = features(hook_bodies(up, up_names))
    diffs = []
    for what, a, b in zip(('action', 'flags', 'errors'), ours, theirs):
        if a != b:
            diffs.append('%s: %s / upstream %s' % (what, ', '.join(a) or '-',
                                                  ', '.join(b) or '-'))
    return '; '.join(diffs) or 'same'


def short(reason):
    """The first clause of each reason mpc-port gave, and the code line."""
    out = []
    for part in reason.split('; '):
        head, _, rest = part.partition(': ')
        up = re.match(r'upstream added (.*?) for it \((commit \w+)?', rest)
        if head.startswith('uses the VMA'):
            head = 'uses the VMA: ' + rest
        elif up:
            head = '%s: upstream added %s%s' % (
                head, up.group(1), ' (%s)' % up.group(2) if up.group(2)
                else '')
        elif 'kernel API added' in part:
            api = re.search(r'(generic_file\w*_prepare)\(\)', part)
            head = 'needs %s() (kernel API, 6.17)' % (api.group(1) if api
                                                      else 'kernel API')
        if head not in out:
            out.append(head)
    return '; '.join(out)


def table(corpus, work, labels):
    files = open(os.path.join(corpus, 'list')).read().split()
    rows = []
    for i, p in enumerate(files, 1):
        d = os.path.join(work, str(i))
        meta = json.load(open(os.path.join(d, 'meta.json')))
        rep = [json.loads(ln) for ln in open(os.path.join(d, 'conv',
                                                          'report.jsonl'))] \
            if os.path.exists(os.path.join(d, 'conv', 'report.jsonl')) else []
        seen = {}
        for r in rep:
            if r['file'] == os.path.basename(p):
                seen.setdefault(r['function'], r)
        conv = [r['new'] for r in seen.values() if r['status'] == 'converted']
        left = [r for r in seen.values() if r['status'] == 'left']
        builds = []
        for lab in labels:
            res = {}
            for sub in ('orig', 'conv'):
                f = os.path.join(d, '%s.%s' % (sub, lab))
                res[sub] = open(f).read().strip() if os.path.exists(f) else '?'
            if not conv:
                builds.append('-')
            elif res['conv'] == '?':
                builds.append('?')
            elif res['conv'] == 'ok':
                builds.append('yes')
            elif res['orig'] != 'ok':
                builds.append('n/a')
            else:
                builds.append('NO')
        text = open(os.path.join(d, 'conv', os.path.basename(p)),
                    encoding='utf-8').read()
        cmp = compare(corpus, p, text, conv) if conv else '-'
        reasons = '; '.join('%s(): %s' % (r['function'], short(r['reason']))
                            for r in left)
        rows.append([p, str(len(seen)), str(len(conv)),
                     reasons or '-'] + builds + [cmp,
                                                 meta.get('roundtrip', '?')])
    head = ['file (6.1)', 'hooks', 'conv.', 'left (reason)'] + \
        ['builds %s' % lab for lab in labels] + ['vs upstream 7.3',
                                                 '7.3 round trip']
    widths = [max(len(r[k]) for r in rows + [head]) for k in range(len(head))]
    sep = '  '.join('=' * w for w in widths)
    print(sep)
    print('  '.join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
    print(sep)
    for r in rows:
        print('  '.join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print(sep)
    nconv = sum(1 for r in rows if r[2] != '0')
    print()
    print('%d files, %d hooks, %d converted in %d files.' % (
        len(rows), sum(int(r[1]) for r in rows),
        sum(int(r[2]) for r in rows), nconv))
    print('build failures (converted file fails where its original builds): '
          '%d; 7.3 round trips not byte for byte: %d' % (
              sum(r[4:4 + len(labels)].count('NO') for r in rows),
              sum(1 for r in rows if r[-1] == 'NO')))


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'extract' and len(sys.argv) == 5:
        extract(*sys.argv[2:])
    elif cmd == 'port' and len(sys.argv) == 4:
        port(*sys.argv[2:])
    elif cmd == 'table' and len(sys.argv) >= 4:
        table(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == '__main__':
    main()
