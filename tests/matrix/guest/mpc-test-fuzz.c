// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-test: the randomized phase (issue 8 item 8). Several threads, each in
 * an arena of its own, apply random operations to the example's devices:
 * mmap() with random devices, lengths, offsets (past the end, near
 * ULONG_MAX), protections and flags, MAP_FIXED over what is there, partial
 * munmap(), mprotect(), madvise(), mremap(), private writes, fork(), and
 * the debugfs knobs. A model of each arena predicts every result: the errno
 * 7.3 gives, /proc/self/maps, the bytes every page reads (or the signal),
 * and afterwards the example's counters. After every step the kernel log
 * must show no new warning. At the end nothing is mapped, the live count is
 * 0 and the module's reference count is what it was.
 *
 * The seed is printed; "-s SEED" replays a failure (each thread's sequence
 * depends only on the seed; the threads interleave freely).
 */
#include "mpc-test.h"

unsigned long fuzz_seed;
int fuzz_seconds = 3;

#define FZ_THREADS	3
#define FZ_PAGES	40	/* arena pages per thread */
#define FZ_SHM_PAGES	256	/* ivshmem BAR 2 */
#define FZ_PROBE	2048	/* byte of a page the checks read (the
				 * BAR's last page starts with a marker)
				 */

/* ------------------------------------------------------------ devices */

struct fz_dev {
	const char *name;
	unsigned long mem;	/* pages the hook accepts */
	bool io;		/* BAR 2 content */
	bool part;		/* maps only the first half */
	bool pfnmap;		/* remap: VM_IO | VM_PFNMAP */
	bool grow;		/* mremap may grow it */
	bool fault;		/* pages come from ->fault */
	bool inject;		/* direct path: inject knob failures close */
};

static const struct fz_dev fz_devs[] = {
	{ "remap", BUF_PAGES, false, false, true, false, false, true },
	{ "remap_part", BUF_PAGES, false, true, true, false, false, false },
	{ "ioremap", FZ_SHM_PAGES, true, false, true, false, false, false },
	{ "kpages", BUF_PAGES, false, false, false, true, false, false },
	{ "kpages_full", BUF_PAGES, false, false, false, true, false, false },
	{ "fault", BUF_PAGES, false, false, false, false, true, true },
	{ "nested", BUF_PAGES, false, false, true, false, false, false },
	{ "uio", BUF_PAGES, false, false, true, false, false, false },
	{ "vmbus", BUF_PAGES, false, false, true, false, false, false },
	{ "stacked", BUF_PAGES, false, false, true, false, false, false },
};

#define FZ_NDEVS	ARRAY_SIZE(fz_devs)

/* -------------------------------------------------------------- model */

enum fz_kind { FZ_ANON, FZ_DEV };

struct fz_page {
	enum fz_kind kind;
	unsigned int dev;
	unsigned long pgoff;
	int prot;
	bool shared;
	bool ro_fd;		/* mapped through the read-only fd */
	bool backed;		/* reads the device (else SIGBUS) */
	bool dontfork;
	int dirty;		/* private copy's byte, or -1 */
};

struct fz_thread {
	int id;
	unsigned long long rng;
	unsigned char *arena;
	struct fz_page pg[FZ_PAGES];
	int fd[FZ_NDEVS], fd_ro[FZ_NDEVS];
	unsigned long ops, bad, fail_closes, nr;
	char last[160];		/* the operation being checked */
	int failed;
};

static pthread_rwlock_t fz_knob_lock = PTHREAD_RWLOCK_INITIALIZER;
static atomic_int fz_stop;
static int fz_kmsg = -1;
static pthread_mutex_t fz_kmsg_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long long fz_rand(struct fz_thread *t)
{
	/* xorshift64* */
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return t->rng * 2685821657736338717ULL;
}

static unsigned long fz_below(struct fz_thread *t, unsigned long n)
{
	return n ? fz_rand(t) % n : 0;
}

/* The arena's /proc/self/maps lines, for a failure report. */
static void fz_dump(struct fz_thread *t)
{
	unsigned long lo = (unsigned long)t->arena, hi = lo + FZ_PAGES * PAGE;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long a, b;

	diag("arena of thread %d at %#lx:", t->id, lo);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &a, &b) != 2 || b <= lo || a >= hi)
			continue;
		line[strcspn(line, "\n")] = 0;
		diag("  %s", line);
	}
	if (f)
		fclose(f);
}

/* Report a failed check of thread @t's current operation; returns 1. */
static int tfail(struct fz_thread *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag("fuzz thread %d op %lu (%s): %s", t->id, t->nr, t->last, msg);
	fz_dump(t);
	t->failed = 1;
	return 1;
}

/* ------------------------------------------------ thread-safe probing */

static __thread sigjmp_buf fz_env;
static __thread volatile sig_atomic_t fz_probing;

static void fz_handler(int sig)
{
	if (fz_probing)
		siglongjmp(fz_env, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int fz_probe(const unsigned char *p, unsigned char *val)
{
	int sig = sigsetjmp(fz_env, 1);

	if (!sig) {
		fz_probing = 1;
		*val = __atomic_load_n(p, __ATOMIC_RELAXED);
	}
	fz_probing = 0;
	return sig;
}

static void fz_signals(void)
{
	struct sigaction sa = { .sa_handler = fz_handler };

	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

/* ------------------------------------------------------ kernel log */

/* A new WARNING/BUG in the kernel log since the last call? */
static int fz_kernel_warned(char *line, size_t len)
{
	char buf[1024];
	ssize_t n;
	int hit = 0;

	if (fz_kmsg < 0)
		return 0;
	pthread_mutex_lock(&fz_kmsg_lock);
	for (;;) {
		n = read(fz_kmsg, buf, sizeof(buf) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records */
		if (n <= 0)
			break;
		buf[n] = 0;
		if (strstr(buf, "WARNING:") || strstr(buf, "BUG:") ||
		    strstr(buf, "Call Trace") || strstr(buf, "KASAN")) {
			const char *msg = strchr(buf, ';');

			msg = msg ? msg + 1 : buf;
			memcpy(line, msg, strnlen(msg, len - 1));
			line[strnlen(msg, len - 1)] = 0;
			line[strcspn(line, "\n")] = 0;
			hit = 1;
		}
	}
	pthread_mutex_unlock(&fz_kmsg_lock);
	return hit;
}

/* -------------------------------------------------------- /proc maps */

struct fz_vma {
	unsigned long start, end, off;
	char perms[5];
	char path[64];
};

#define FZ_MAX_VMAS	512

static int fz_read_maps(struct fz_vma *v, int max)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		struct fz_vma *m = &v[n];

		m->path[0] = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %63s", &m->start,
			   &m->end, m->perms, &m->off, m->path) < 4)
			continue;
		n++;
	}
	fclose(f);
	return n;
}

static const struct fz_vma *fz_find(const struct fz_vma *v, int n,
				    unsigned long addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (addr >= v[i].start && addr < v[i].end)
			return &v[i];
	return NULL;
}

static unsigned long fz_addr(struct fz_thread *t, unsigned long page)
{
	return (unsigned long)t->arena + page * PAGE;
}

/* Bounds of the arena part of the VMA that holds arena page @page. */
static int fz_vma_pages(struct fz_thread *t, unsigned long page,
			unsigned long *first, unsigned long *last)
{
	static __thread struct fz_vma v[FZ_MAX_VMAS];
	int n = fz_read_maps(v, FZ_MAX_VMAS);
	const struct fz_vma *m = fz_find(v, n, fz_addr(t, page));
	unsigned long lo = fz_addr(t, 0), hi = fz_addr(t, FZ_PAGES);

	if (!m)
		return -1;
	*first = ((m->start > lo ? m->start : lo) - lo) / PAGE;
	*last = ((m->end < hi ? m->end : hi) - lo) / PAGE - 1;
	return 0;
}

/* ------------------------------------------------------ the checks */

static unsigned char fz_byte(const struct fz_page *pg)
{
	const struct fz_dev *d = &fz_devs[pg->dev];

	if (d->io)
		return (unsigned char)((pg->pgoff * 5 + 0x40) & 0xff);
	return buf_byte(pg->pgoff);
}

/* /proc/self/maps and every readable byte of the arena, as modelled. */
static int fz_check(struct fz_thread *t)
{
	static __thread struct fz_vma v[FZ_MAX_VMAS];
	int n = fz_read_maps(v, FZ_MAX_VMAS);
	char want_path[64], warn[256];
	unsigned long i;

	for (i = 0; i < FZ_PAGES; i++) {
		const struct fz_page *pg = &t->pg[i];
		unsigned long a = fz_addr(t, i);
		const struct fz_vma *m = fz_find(v, n, a);
		unsigned char got;
		int sig;

		if (!m)
			return tfail(t, "page %lu: nothing mapped", i);
		if (pg->kind == FZ_ANON) {
			if (m->path[0] && m->path[0] != '[')
				return tfail(t, "page %lu: %s, want anonymous", i,
					     m->path);
			continue;
		}
		snprintf(want_path, sizeof(want_path), "/dev/%s%s",
			 cur_prefix, fz_devs[pg->dev].name);
		if (strcmp(m->path, want_path))
			return tfail(t, "page %lu: '%s', want %s", i, m->path,
				     want_path);
		/* a private remap's VMA offset is its PFN (remap_pfn_range()) */
		if ((pg->shared || !fz_devs[pg->dev].pfnmap) &&
		    m->off + (a - m->start) != pg->pgoff * PAGE)
			return tfail(t, "page %lu: file offset %#lx, want %#lx", i,
				     m->off + (a - m->start), pg->pgoff * PAGE);
		if ((m->perms[0] == 'r') != !!(pg->prot & PROT_READ) ||
		    (m->perms[1] == 'w') != !!(pg->prot & PROT_WRITE) ||
		    (m->perms[2] == 'x') != !!(pg->prot & PROT_EXEC) ||
		    (m->perms[3] == 's') != pg->shared)
			return tfail(t, "page %lu: perms %s, want prot %d %s", i,
				     m->perms, pg->prot,
				     pg->shared ? "shared" : "private");
		if (!(pg->prot & PROT_READ))
			continue;
		sig = fz_probe((unsigned char *)a + FZ_PROBE, &got);
		if (pg->dirty >= 0) {
			if (sig || got != pg->dirty)
				return tfail(t, "page %lu: signal %d byte %#x, want %#x (private)",
					     i, sig, got, pg->dirty);
		} else if (!pg->backed) {
			if (sig != SIGBUS)
				return tfail(t, "page %lu (pgoff %lu): signal %d, want SIGBUS",
					     i, pg->pgoff, sig);
		} else if (sig || got != fz_byte(pg)) {
			return tfail(t, "page %lu (pgoff %lu): signal %d byte %#x, want %#x",
				     i, pg->pgoff, sig, got, fz_byte(pg));
		}
	}
	if (fz_kernel_warned(warn, sizeof(warn)))
		return tfail(t, "kernel log: %s", warn);
	return 0;
}

/* ------------------------------------------------------ arena upkeep */

static void fz_anon(struct fz_page *pg)
{
	memset(pg, 0, sizeof(*pg));
	pg->kind = FZ_ANON;
	pg->dirty = -1;
}

/* Put an anonymous PROT_NONE page wherever the arena has a hole. */
static int fz_fill_holes(struct fz_thread *t, unsigned long from,
			 unsigned long to)
{
	static __thread struct fz_vma v[FZ_MAX_VMAS];
	int n = fz_read_maps(v, FZ_MAX_VMAS);
	unsigned long i;

	for (i = from; i < to; i++) {
		void *a = (void *)fz_addr(t, i), *p;

		if (fz_find(v, n, (unsigned long)a))
			continue;
		p = mmap(a, PAGE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			 -1, 0);
		if (p != a)
			return tfail(t, "refill page %lu: %s", i,
				     p == MAP_FAILED ? strerror(errno) : "moved");
		fz_anon(&t->pg[i]);
	}
	return 0;
}

/* -------------------------------------------------------- operations */

enum fz_bad {
	BAD_NONE, BAD_LEN0, BAD_UNALIGNED, BAD_HUGE_OFF, BAD_TYPE,
	BAD_VALIDATE, BAD_RO_WRITE, BAD_PAST_END, BAD_COW_PART,
	BAD_REFUSE_PRIVATE, BAD_REFUSE_EXEC, BAD_MAPPED_FAIL, BAD_OVERRIDE,
	BAD_NR,
};

static const int fz_prots[] = {
	PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC,
	PROT_READ | PROT_WRITE | PROT_EXEC,
};

static int fz_mmap(struct fz_thread *t)
{
	unsigned int di = fz_below(t, FZ_NDEVS);
	const struct fz_dev *d = &fz_devs[di];
	unsigned long n = 1 + fz_below(t, 6), s, i, len, pgoff, backed;
	int prot = fz_prots[fz_below(t, ARRAY_SIZE(fz_prots))];
	int flags = fz_below(t, 2) ? MAP_SHARED : MAP_PRIVATE, fd = t->fd[di];
	enum fz_bad bad = BAD_NONE;
	const char *knob = NULL, *val = NULL;
	off_t off;
	void *p;
	int want = 0, e;

	pgoff = fz_below(t, d->mem + 2);
	if (fz_below(t, 3) == 0)
		bad = 1 + fz_below(t, BAD_NR - 1);
	/*
	 * A VMA that starts in the unmapped half of a partial remap makes
	 * fork() warn and fail on x86 before 6.16 (PAT lookup of the first
	 * page), whatever the driver: the partial devices only get the
	 * private mapping that the hook refuses.
	 */
	if (d->part)
		bad = BAD_COW_PART;
	if (n > FZ_PAGES)
		n = FZ_PAGES;
	s = fz_below(t, FZ_PAGES - n + 1);
	len = n * PAGE;
	/* a valid request unless one attribute below is made bad */
	if (bad != BAD_PAST_END && (pgoff >= d->mem || n > d->mem - pgoff))
		pgoff = fz_below(t, d->mem - n + 1);
	if (bad != BAD_COW_PART && d->part && flags == MAP_PRIVATE && n > 1)
		flags = MAP_SHARED;
	switch (bad) {
	case BAD_LEN0:
		len = 0;
		want = EINVAL;
		break;
	case BAD_UNALIGNED:
		want = EINVAL;
		break;
	case BAD_HUGE_OFF:
		/* the last pages below ULONG_MAX: EOVERFLOW or the driver */
		pgoff = (ULONG_MAX >> 12) - fz_below(t, 8);
		want = pgoff > (ULONG_MAX - len) >> 12 ? EOVERFLOW : EINVAL;
		break;
	case BAD_TYPE:
		flags = 0;
		want = EINVAL;
		break;
	case BAD_VALIDATE:
		flags = MAP_SHARED_VALIDATE | MAP_SYNC;
		want = EOPNOTSUPP;
		break;
	case BAD_RO_WRITE:
		fd = t->fd_ro[di];
		flags = MAP_SHARED;
		prot |= PROT_READ | PROT_WRITE;
		want = EACCES;
		break;
	case BAD_PAST_END:
		if (pgoff < d->mem && n <= d->mem - pgoff)
			pgoff = d->mem - n + 1 + fz_below(t, 3);
		want = EINVAL;
		break;
	case BAD_COW_PART:
		if (!d->part)
			return 0;
		flags = MAP_PRIVATE;
		if (n < 2)
			n = 2;
		if (pgoff + n > d->mem)
			pgoff = d->mem - n;
		len = n * PAGE;
		if (s + n > FZ_PAGES)
			s = FZ_PAGES - n;
		want = EINVAL;
		break;
	case BAD_REFUSE_PRIVATE:
		knob = "refuse_private";
		val = "1";
		flags = MAP_PRIVATE;
		if (d->part && n > 1)
			n = 1, len = PAGE;
		want = EACCES;
		break;
	case BAD_REFUSE_EXEC:
		knob = "refuse_exec";
		val = "1";
		prot |= PROT_EXEC;
		want = EACCES;
		break;
	case BAD_MAPPED_FAIL:
	case BAD_OVERRIDE:
		if (!d->inject)
			return 0;
		knob = "inject";
		val = bad == BAD_MAPPED_FAIL ? "mapped_fail" : "override";
		want = bad == BAD_MAPPED_FAIL ? ENOMEM : EAGAIN;
		break;
	default:
		break;
	}
	/* a read-only open file maps read-only shared, never writable */
	if (bad == BAD_NONE && flags == MAP_SHARED && !(prot & PROT_WRITE) &&
	    !fz_below(t, 4))
		fd = t->fd_ro[di];
	off = (off_t)(pgoff * PAGE) + (bad == BAD_UNALIGNED ? 100 : 0);
	snprintf(t->last, sizeof(t->last),
		 "mmap %s %lu pages at arena page %lu pgoff %#lx prot %d flags %#x bad %d",
		 d->name, n, s, pgoff, prot, flags, bad);
	if (knob) {
		pthread_rwlock_wrlock(&fz_knob_lock);
		write_knob(knob, val);
	} else {
		pthread_rwlock_rdlock(&fz_knob_lock);
	}
	p = mmap((void *)fz_addr(t, s), len, prot, flags | MAP_FIXED, fd, off);
	e = errno;
	if (knob)
		write_knob(knob, !strcmp(knob, "inject") ? "none" : "0");
	pthread_rwlock_unlock(&fz_knob_lock);
	if (bad != BAD_NONE)
		t->bad++;
	if (!want) {
		if (p != (void *)fz_addr(t, s))
			return tfail(t, "mmap: %s", p == MAP_FAILED ? strerror(e) :
				     "moved");
		backed = d->part ? (n + 1) / 2 : n;
		for (i = 0; i < n; i++) {
			struct fz_page *pg = &t->pg[s + i];

			fz_anon(pg);
			pg->kind = FZ_DEV;
			pg->dev = di;
			pg->pgoff = pgoff + i;
			pg->prot = prot;
			pg->shared = flags == MAP_SHARED;
			pg->ro_fd = fd == t->fd_ro[di];
			pg->backed = i < backed;
		}
		return 0;
	}
	if (p != MAP_FAILED) {
		munmap(p, len);
		fz_fill_holes(t, s, s + n);
		return tfail(t, "mmap succeeded, want %s", strerror(want));
	}
	if (e != want)
		return tfail(t, "mmap: %s, want %s", strerror(e), strerror(want));
	if (bad == BAD_MAPPED_FAIL || bad == BAD_OVERRIDE)
		t->fail_closes++;
	/* a failed MAP_FIXED may have unmapped the range (kernel-specific) */
	return fz_fill_holes(t, s, s + n);
}

/* Unmap part of the arena, by munmap() or by mapping over it. */
static int fz_unmap(struct fz_thread *t)
{
	unsigned long s = fz_below(t, FZ_PAGES), n = 1 + fz_below(t, 4), i;
	void *a = (void *)fz_addr(t, s), *p;

	if (s + n > FZ_PAGES)
		n = FZ_PAGES - s;
	snprintf(t->last, sizeof(t->last), "unmap arena pages %lu+%lu", s, n);
	if (fz_below(t, 2)) {
		if (munmap(a, n * PAGE))
			return tfail(t, "munmap: %s", strerror(errno));
		for (i = s; i < s + n; i++)
			fz_anon(&t->pg[i]);
		return fz_fill_holes(t, s, s + n);
	}
	p = mmap(a, n * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		 MAP_FIXED, -1, 0);
	if (p != a)
		return tfail(t, "mmap over: %s", strerror(errno));
	for (i = s; i < s + n; i++)
		fz_anon(&t->pg[i]);
	return 0;
}

/* A run of pages from @s that mprotect() treats alike. */
static unsigned long fz_run(struct fz_thread *t, unsigned long s,
			    unsigned long max)
{
	const struct fz_page *a = &t->pg[s];
	unsigned long n = 1;

	while (n < max && s + n < FZ_PAGES) {
		const struct fz_page *b = &t->pg[s + n];

		if (b->kind != a->kind || b->shared != a->shared ||
		    b->ro_fd != a->ro_fd)
			break;
		n++;
	}
	return n;
}

static int fz_mprotect(struct fz_thread *t)
{
	unsigned long s = fz_below(t, FZ_PAGES), n, i;
	int prot = fz_prots[fz_below(t, ARRAY_SIZE(fz_prots))], want = 0;

	n = fz_run(t, s, 1 + fz_below(t, 6));
	snprintf(t->last, sizeof(t->last), "mprotect arena pages %lu+%lu prot %d",
		 s, n, prot);
	if (t->pg[s].kind == FZ_DEV && t->pg[s].shared && t->pg[s].ro_fd &&
	    (prot & PROT_WRITE))
		want = EACCES;
	if (mprotect((void *)fz_addr(t, s), n * PAGE, prot)) {
		if (errno != want)
			return tfail(t, "mprotect: %s, want %s", strerror(errno),
				     want ? strerror(want) : "success");
		return 0;
	}
	if (want)
		return tfail(t, "mprotect succeeded, want %s", strerror(want));
	for (i = s; i < s + n; i++)
		t->pg[i].prot = prot;
	return 0;
}

static int fz_madvise(struct fz_thread *t)
{
	static const struct { int advice; const char *name; } advs[] = {
		{ MADV_NORMAL, "NORMAL" }, { MADV_RANDOM, "RANDOM" },
		{ MADV_SEQUENTIAL, "SEQUENTIAL" },
		{ MADV_DONTFORK, "DONTFORK" }, { MADV_DOFORK, "DOFORK" },
		{ MADV_DONTNEED, "DONTNEED" }, { MADV_DONTDUMP, "DONTDUMP" },
		{ MADV_DODUMP, "DODUMP" },
	};
	unsigned long s = fz_below(t, FZ_PAGES), first, last, n, i;
	unsigned int k = fz_below(t, ARRAY_SIZE(advs));
	const struct fz_page *pg = &t->pg[s];
	const struct fz_dev *d = &fz_devs[pg->dev];
	bool dev = pg->kind == FZ_DEV;
	int adv = advs[k].advice, want = 0;

	if (fz_vma_pages(t, s, &first, &last))
		return tfail(t, "no VMA at arena page %lu", s);
	n = 1 + fz_below(t, last - s + 1);
	snprintf(t->last, sizeof(t->last), "madvise arena pages %lu+%lu %s",
		 s, n, advs[k].name);
	/* every device VMA is VM_SPECIAL; the remaps are VM_IO | VM_PFNMAP */
	if (dev && adv == MADV_DODUMP)
		want = EINVAL;
	if (dev && d->pfnmap && (adv == MADV_DOFORK || adv == MADV_DONTNEED))
		want = EINVAL;
	/* DOFORK: EINVAL for VM_IO before 7.x, for any VM_SPECIAL since */
	if (dev && adv == MADV_DOFORK)
		want = EINVAL;
	if (madvise((void *)fz_addr(t, s), n * PAGE, adv)) {
		if (errno != want)
			return tfail(t, "madvise: %s, want %s", strerror(errno),
				     want ? strerror(want) : "success");
		return 0;
	}
	if (want && !(adv == MADV_DOFORK && !d->pfnmap))
		return tfail(t, "madvise succeeded, want %s", strerror(want));
	for (i = s; i < s + n; i++) {
		struct fz_page *q = &t->pg[i];

		if (adv == MADV_DONTFORK)
			q->dontfork = true;
		if (adv == MADV_DOFORK)
			q->dontfork = false;
		if (adv == MADV_DONTNEED && q->kind == FZ_DEV) {
			q->dirty = -1;
			/* inserted pages are gone; ->fault brings pages back */
			if (!fz_devs[q->dev].fault)
				q->backed = false;
		}
	}
	return 0;
}

static int fz_mremap(struct fz_thread *t)
{
	struct fz_page save[FZ_PAGES];
	unsigned long s = fz_below(t, FZ_PAGES), first, last, n, m, dst, i;
	const struct fz_dev *d;
	void *p;
	int kind = fz_below(t, 3);

	if (t->pg[s].kind != FZ_DEV)
		return 0;
	d = &fz_devs[t->pg[s].dev];
	if (fz_vma_pages(t, s, &first, &last))
		return tfail(t, "no VMA at arena page %lu", s);
	n = 1 + fz_below(t, last - s + 1);
	if (kind == 0) {
		/* shrink in place */
		m = fz_below(t, n);
		snprintf(t->last, sizeof(t->last),
			 "mremap arena pages %lu+%lu to %lu", s, n, m);
		if (!m)
			return 0;
		p = mremap((void *)fz_addr(t, s), n * PAGE, m * PAGE, 0);
		if (p != (void *)fz_addr(t, s))
			return tfail(t, "mremap shrink: %s", strerror(errno));
		for (i = s + m; i < s + n; i++)
			fz_anon(&t->pg[i]);
		return fz_fill_holes(t, s + m, s + n);
	}
	/* move (kind 1) or move and grow (kind 2) to a disjoint place */
	m = kind == 1 ? n : n + 1 + fz_below(t, 2);
	if (m > FZ_PAGES / 2)
		return 0;
	dst = fz_below(t, FZ_PAGES - m + 1);
	if (dst < s + n && s < dst + m)
		return 0;
	snprintf(t->last, sizeof(t->last),
		 "mremap arena pages %lu+%lu to %lu+%lu", s, n, dst, m);
	p = mremap((void *)fz_addr(t, s), n * PAGE, m * PAGE,
		   MREMAP_MAYMOVE | MREMAP_FIXED, (void *)fz_addr(t, dst));
	if (m > n && !d->grow) {
		if (p != MAP_FAILED)
			return tfail(t, "mremap growth succeeded, want EFAULT");
		if (errno != EFAULT)
			return tfail(t, "mremap growth: %s, want EFAULT",
				     strerror(errno));
		t->bad++;
		/* before 7.x the destination is unmapped before the check */
		return fz_fill_holes(t, dst, dst + m);
	}
	if (p != (void *)fz_addr(t, dst))
		return tfail(t, "mremap: %s", p == MAP_FAILED ? strerror(errno) :
			     "moved elsewhere");
	memcpy(save, t->pg, sizeof(save));
	for (i = 0; i < n; i++)
		fz_anon(&t->pg[s + i]);
	for (i = 0; i < m; i++) {
		struct fz_page *q = &t->pg[dst + i];

		if (i < n) {
			*q = save[s + i];
			continue;
		}
		*q = save[s + n - 1];
		q->pgoff += i - n + 1;
		q->dirty = -1;
		/* growth: only ->fault can back the new pages */
		q->backed = d->fault && q->pgoff < d->mem;
	}
	return fz_fill_holes(t, s, s + n);
}

/* Write a byte into a private writable page: a private copy. */
static int fz_write(struct fz_thread *t)
{
	unsigned long s = fz_below(t, FZ_PAGES);
	struct fz_page *pg = &t->pg[s];
	unsigned char b = (unsigned char)fz_rand(t), *a;

	/*
	 * Not into a remap: a private copy as the first page of a PAT-tracked
	 * VMA makes fork() fail on x86 before 6.16, whatever the driver.
	 */
	if (pg->kind != FZ_DEV || pg->shared || !pg->backed ||
	    fz_devs[pg->dev].pfnmap ||
	    (pg->prot & (PROT_READ | PROT_WRITE)) != (PROT_READ | PROT_WRITE))
		return 0;
	snprintf(t->last, sizeof(t->last), "write %#x to arena page %lu", b,
		 s);
	a = (unsigned char *)fz_addr(t, s);
	a[FZ_PROBE] = b;
	pg->dirty = b;
	return 0;
}

/*
 * The child sees the arena as modelled, without the DONTFORK pages. It
 * reports by exit status: 50 + page for an inherited DONTFORK page, 100 +
 * page for a page that reads wrong.
 */
static int fz_child(struct fz_thread *t)
{
	unsigned long i;

	for (i = 0; i < FZ_PAGES; i++) {
		const struct fz_page *pg = &t->pg[i];
		unsigned char *a = (unsigned char *)fz_addr(t, i), got;
		int sig;

		if (pg->dontfork) {
			if (fz_probe(a, &got) != SIGSEGV)
				return 50 + i;
			continue;
		}
		if (pg->kind != FZ_DEV || !(pg->prot & PROT_READ))
			continue;
		sig = fz_probe(a + FZ_PROBE, &got);
		if (pg->dirty >= 0 ? sig || got != pg->dirty :
		    !pg->backed ? sig != SIGBUS : sig || got != fz_byte(pg))
			return 100 + i;
	}
	return 0;
}

static int fz_fork(struct fz_thread *t)
{
	int status;
	pid_t pid;

	snprintf(t->last, sizeof(t->last), "fork");
	pid = fork();
	if (!pid)
		_exit(fz_child(t));
	if (pid < 0)
		return tfail(t, "fork: %s", strerror(errno));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return tfail(t, "child status %#x (50 + page: inherited; 100 + page: bad)",
			     status);
	return 0;
}

static void *fz_worker(void *arg)
{
	struct fz_thread *t = arg;

	while (!fz_stop && !t->failed) {
		unsigned long op = fz_below(t, 100);
		int err;

		t->nr++;
		t->last[0] = 0;
		if (op < 40)
			err = fz_mmap(t);
		else if (op < 52)
			err = fz_unmap(t);
		else if (op < 64)
			err = fz_mprotect(t);
		else if (op < 76)
			err = fz_madvise(t);
		else if (op < 88)
			err = fz_mremap(t);
		else if (op < 97)
			err = fz_write(t);
		else
			err = fz_fork(t);
		t->ops++;
		if (err || fz_check(t))
			break;
	}
	return NULL;
}

static long fz_refcnt(void)
{
	char path[128], buf[32] = "";
	const char *mod = strcmp(cur_prefix, "mpc_") ? "mpc_example_forced" :
			  "mpc_example";
	int fd;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", mod);
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return strtol(buf, NULL, 10);
}

static int fz_open_all(struct fz_thread *t)
{
	char path[128];
	unsigned int i;

	for (i = 0; i < FZ_NDEVS; i++) {
		t->fd[i] = open_dev(fz_devs[i].name);
		snprintf(path, sizeof(path), "/dev/%s%s", cur_prefix,
			 fz_devs[i].name);
		t->fd_ro[i] = open(path, O_RDONLY);
		if (t->fd[i] < 0 || t->fd_ro[i] < 0)
			return -1;
	}
	return 0;
}

static void fz_close_all(struct fz_thread *t)
{
	unsigned int i;

	for (i = 0; i < FZ_NDEVS; i++) {
		close(t->fd[i]);
		close(t->fd_ro[i]);
	}
}

static int t_fuzz(const void *unused)
{
	static struct fz_thread th[FZ_THREADS];
	long mapped0 = read_knob("mapped"), open0 = read_knob("open");
	long close0 = read_knob("close"), ref0 = fz_refcnt();
	unsigned long ops = 0, bad = 0, fail_closes = 0, seed = fuzz_seed;
	pthread_t tid[FZ_THREADS];
	struct timespec a, b;
	double secs;
	long dmapped, dopen, dclose;
	int i, err = 0;

	(void)unused;
	if (!seed) {
		clock_gettime(CLOCK_REALTIME, &a);
		seed = (unsigned long)a.tv_sec * 1000003UL ^ a.tv_nsec;
	}
	diag("fuzz: seed %#lx (replay: mpc-test -s %#lx -f %d)", seed, seed,
	     fuzz_seconds);
	fz_signals();
	fz_kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fz_kmsg >= 0)
		lseek(fz_kmsg, 0, SEEK_END);
	fz_stop = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < FZ_THREADS; i++) {
		struct fz_thread *t = &th[i];
		unsigned long j;

		memset(t, 0, sizeof(*t));
		t->id = i;
		t->rng = (seed + 0x9e3779b97f4a7c15ULL * (i + 1)) | 1;
		t->arena = mmap(NULL, FZ_PAGES * PAGE, PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (t->arena == MAP_FAILED || fz_open_all(t))
			FAIL("fuzz setup: %s", strerror(errno));
		for (j = 0; j < FZ_PAGES; j++)
			fz_anon(&t->pg[j]);
	}
	for (i = 0; i < FZ_THREADS; i++)
		if (pthread_create(&tid[i], NULL, fz_worker, &th[i]))
			FAIL("pthread_create failed");
	sleep(fuzz_seconds);
	fz_stop = 1;
	for (i = 0; i < FZ_THREADS; i++) {
		pthread_join(tid[i], NULL);
		ops += th[i].ops;
		bad += th[i].bad;
		fail_closes += th[i].fail_closes;
		err |= th[i].failed;
		munmap(th[i].arena, FZ_PAGES * PAGE);
		fz_close_all(&th[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	diag("fuzz: %lu operations in %.1f s (%.0f ops/s), %lu bad inputs",
	     ops, secs, ops / secs, bad);
	if (err)
		FAIL("fuzz: failed; replay with -s %#lx", seed);
	if (count_maps() != 0)
		FAIL("fuzz: %d device mappings left", count_maps());
	dmapped = read_knob("mapped") - mapped0;
	dopen = read_knob("open") - open0;
	dclose = read_knob("close") - close0;
	if (dclose != dmapped + dopen + (long)fail_closes)
		FAIL("fuzz: ->close %ld times, want ->mapped %ld + ->open %ld + failed %lu",
		     dclose, dmapped, dopen, fail_closes);
	if (fz_refcnt() != ref0)
		FAIL("fuzz: module refcnt %ld, was %ld", fz_refcnt(), ref0);
	if (fz_kmsg >= 0)
		close(fz_kmsg);
	return check_live0();
}

void add_fuzz_cases(void)
{
	add(t_fuzz, NULL, true, "%sfuzz: randomized operations, %d threads x %d s",
	    prefix, FZ_THREADS, fuzz_seconds);
}
