// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-test: drives the mmap-prepare-compat example driver inside a test
 * guest and prints one KTAP line per case.
 *
 * Guest use (from /init):
 *   mpc-test [-m MODULE.ko]... [-p PREFIX]... [-e native|compat]
 *            [-x PATH [-x ARG]...] [-l SECONDS] [-s SEED] [-f SECONDS]
 *     -m  load MODULE.ko first (a case each), unload them all at the end
 *         (in reverse order; a case each)
 *     -p  device/debugfs prefix to test ("mpc_" default; "mpcf_" for the
 *         forced-compat copy); the whole suite runs once per prefix
 *     -e  expected content of debugfs "path" for the first prefix
 *     -x  program (and arguments) to run after the cases, before unloading
 *         (the benchmark); its output is passed through as KTAP comments
 *     -l  duration of the load test (default 3 s)
 *     -s  seed of the randomized phase (default: from the clock; printed)
 *     -f  duration of the randomized phase per prefix (default 3 s)
 *
 * Host use (same static binary):
 *   mpc-test --fill-shm FILE    write the ivshmem pattern into FILE (1 MiB)
 *   mpc-test --check-shm FILE   check what the guest wrote into FILE
 *
 * Every case runs in a child process (own mm, own /proc/self/maps) with an
 * alarm, so a crash or hang fails that case only.
 */
#include "mpc-test.h"

#define SHM_SIZE	BIT(20)
#define SHM_PAGES	(SHM_SIZE / PAGE)
#define MARK_PAGE	(SHM_PAGES - 1)	/* BAR page the guest writes to */
#define MARK_SHARED	"MPC-SHARED-WRITE"
#define MARK_PRIVATE	"MPC-PRIVATE-WRITE"
#define CASE_TIMEOUT	60
#define MAX_CASES	512

const char *prefix = "mpc_";	/* prefix of the suite being built */
const char *cur_prefix = "mpc_";	/* prefix of the running case */

/* ---------------------------------------------------------------- util */

void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

bool on_compat_path(void)
{
	char path[32];

	return !read_knob_str("path", path, sizeof(path)) &&
	       !strcmp(path, "compat");
}

int kernel_version(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major * 100 + minor;
}

/* Byte the host writes into every byte of ivshmem page @p. */
static unsigned char shm_byte(unsigned long p)
{
	return (unsigned char)((p * 5 + 0x40) & 0xff);
}

/* Byte the driver fills buffer page @p with. */
unsigned char buf_byte(unsigned long p)
{
	return (unsigned char)(p + 1);
}

char *dbg_path(const char *knob)
{
	static char path[256];

	snprintf(path, sizeof(path), "/sys/kernel/debug/%sexample/%s",
		 cur_prefix, knob);
	return path;
}

long read_knob(const char *knob)
{
	char buf[64] = "";
	int fd = open(dbg_path(knob), O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1000000;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1000000;
	buf[n] = 0;
	return strtol(buf, NULL, 0);
}

int read_knob_str(const char *knob, char *out, size_t len)
{
	int fd = open(dbg_path(knob), O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, out, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	out[n] = 0;
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = 0;
	return 0;
}

int write_knob(const char *knob, const char *val)
{
	int fd = open(dbg_path(knob), O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		diag("open %s: %s", dbg_path(knob), strerror(errno));
		return -1;
	}
	n = write(fd, val, strlen(val));
	close(fd);
	if (n != (ssize_t)strlen(val)) {
		diag("write '%s' to %s: %s", val, dbg_path(knob),
		     strerror(errno));
		return -1;
	}
	return 0;
}

int open_dev(const char *dev)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s%s", cur_prefix, dev);
	fd = open(path, O_RDWR);
	if (fd < 0)
		diag("open %s: %s", path, strerror(errno));
	return fd;
}

/* Number of lines of /proc/self/maps naming one of our devices. */
int count_maps(void)
{
	char line[512], pat[64];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	snprintf(pat, sizeof(pat), "/dev/%s", cur_prefix);
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, pat))
			n++;
	fclose(f);
	return n;
}

/* VmFlags of the VMA containing @addr, from /proc/self/smaps. */
int vm_flags(void *addr, char *out, size_t len)
{
	char line[1024];
	unsigned long a = (unsigned long)addr, s, e;
	FILE *f = fopen("/proc/self/smaps", "r");
	bool in = false;

	if (!f)
		return -1;
	out[0] = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &s, &e) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = a >= s && a < e;
			continue;
		}
		if (in && !strncmp(line, "VmFlags:", 8)) {
			snprintf(out, len, "%s", line + 8);
			out[strcspn(out, "\n")] = 0;
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

bool has_flag(const char *flags, const char *fl)
{
	char buf[512], *tok, *save;

	snprintf(buf, sizeof(buf), "%s", flags);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (!strcmp(tok, fl))
			return true;
	return false;
}

/* Check every flag of the space-separated list @on / @off. */
int check_flags(const char *flags, const char *on, const char *off)
{
	char buf[128], *tok, *save;
	int bad = 0;

	snprintf(buf, sizeof(buf), "%s", on);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (!has_flag(flags, tok)) {
			diag("VmFlags '%s' lack '%s'", flags, tok);
			bad = 1;
		}
	snprintf(buf, sizeof(buf), "%s", off);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (has_flag(flags, tok)) {
			diag("VmFlags '%s' have '%s'", flags, tok);
			bad = 1;
		}
	return bad;
}

/* ------------------------------------------------- fault-safe access */

static sigjmp_buf probe_env;
static volatile sig_atomic_t probe_sig;

static void probe_handler(int sig)
{
	probe_sig = sig;
	siglongjmp(probe_env, 1);
}

/* Read one byte at @p; return the signal it raised, or 0. */
static int probe_read(const volatile unsigned char *p, unsigned char *val)
{
	struct sigaction sa = { .sa_handler = probe_handler };
	struct sigaction old_bus, old_segv;
	int sig = 0;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	probe_sig = 0;
	if (!sigsetjmp(probe_env, 1))
		*val = *p;
	else
		sig = probe_sig;
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	return sig;
}

int read_byte(const void *p, unsigned char *val)
{
	return probe_read(p, val);
}

/* ------------------------------------------------------------ devices */

enum grow { GROW_EFAULT, GROW_OK };

struct dev {
	const char *name;
	unsigned long mem_pages;	/* pages of the memory behind it */
	bool io;			/* BAR 2 (host pattern) vs buffer */
	bool part;			/* only the first half is mapped */
	bool cow;			/* MAP_PRIVATE allowed */
	enum grow grow;			/* mremap growth */
	const char *flags_on;
	const char *flags_off;
};

#define REMAP_ON	"io pf de dd"
static const struct dev devs[] = {
	{ "remap",          BUF_PAGES, false, false, true,  GROW_EFAULT,
	  REMAP_ON, "mm" },
	{ "remap_part",     BUF_PAGES, false, true,  false, GROW_EFAULT,
	  REMAP_ON, "mm" },
	{ "ioremap",        SHM_PAGES, true,  false, true,  GROW_EFAULT,
	  REMAP_ON, "mm" },
	{ "ioremap_part",   SHM_PAGES, true,  true,  false, GROW_EFAULT,
	  REMAP_ON, "mm" },
	{ "simple_ioremap", SHM_PAGES, true,  false, true,  GROW_EFAULT,
	  REMAP_ON, "mm" },
	{ "kpages",         BUF_PAGES, false, false, true,  GROW_OK,
	  "mm", "pf io" },
	{ "kpages_full",    BUF_PAGES, false, false, true,  GROW_OK,
	  "mm", "pf io" },
	{ "fault",          BUF_PAGES, false, false, true,  GROW_EFAULT,
	  "de dd", "pf io" },
	{ "nested",         BUF_PAGES, false, false, true,  GROW_EFAULT,
	  REMAP_ON, "mm" },
};

#define NPAGES	4	/* pages per test mapping */
#define PGOFF	2	/* offset (pages) of the test mappings */

static unsigned char expect_byte(const struct dev *d, unsigned long page)
{
	return d->io ? shm_byte(page) : buf_byte(page);
}

/* Pages of an NPAGES mapping that the device backs. */
static unsigned long mapped_pages(const struct dev *d, unsigned long n)
{
	return d->part ? n / 2 : n;
}

static void *map_dev(const struct dev *d, int fd, unsigned long pages,
		     unsigned long pgoff, int prot, int flags)
{
	void *p = mmap(NULL, pages * PAGE, prot, flags, fd, pgoff * PAGE);

	if (p == MAP_FAILED)
		diag("mmap %s%s %lu pages at pgoff %lu: %s", cur_prefix,
		     d->name, pages, pgoff, strerror(errno));
	return p;
}

/* Check @n pages at @p against pages @pgoff.. of the device memory. */
static int check_contents(const struct dev *d, const unsigned char *p,
			  unsigned long n, unsigned long pgoff)
{
	unsigned long i, j;

	for (i = 0; i < n; i++) {
		unsigned char want = expect_byte(d, pgoff + i);

		for (j = 0; j < PAGE; j += 512) {
			unsigned char got;
			int sig = probe_read(p + i * PAGE + j, &got);

			if (sig)
				FAIL("page %lu: signal %d on read", i, sig);
			if (got != want)
				FAIL("page %lu +%lu: got 0x%02x want 0x%02x",
				     i, j, got, want);
		}
	}
	return 0;
}

/* Pages [from, to) of @p must raise SIGBUS. */
static int check_unbacked(const unsigned char *p, unsigned long from,
			  unsigned long to)
{
	unsigned long i;

	for (i = from; i < to; i++) {
		unsigned char got;
		int sig = probe_read(p + i * PAGE, &got);

		if (sig != SIGBUS)
			FAIL("unbacked page %lu: signal %d, want SIGBUS",
			     i, sig);
	}
	return 0;
}

int check_live0(void)
{
	long live = read_knob("live");

	if (live != 0)
		FAIL("live = %ld after unmapping, want 0 (mapped %ld open %ld close %ld)",
		     live, read_knob("mapped"), read_knob("open"),
		     read_knob("close"));
	return 0;
}

/* ------------------------------------------------------- device cases */

/* Map shared, check contents, counters and the unbacked half. */
static int t_contents(const struct dev *d)
{
	long mapped0 = read_knob("mapped"), live0 = read_knob("live");
	unsigned long n = mapped_pages(d, NPAGES);
	int fd = open_dev(d->name), err = 0;
	unsigned char *p;

	if (fd < 0)
		return 1;
	p = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (p == MAP_FAILED)
		return 1;
	err |= check_contents(d, p, n, PGOFF);
	if (d->part)
		err |= check_unbacked(p, n, NPAGES);
	if (read_knob("mapped") != mapped0 + 1) {
		diag("mapped went %ld -> %ld, want +1", mapped0,
		     read_knob("mapped"));
		err = 1;
	}
	if (read_knob("live") != live0 + 1) {
		diag("live went %ld -> %ld, want +1", live0,
		     read_knob("live"));
		err = 1;
	}
	munmap(p, NPAGES * PAGE);
	close(fd);
	return err | check_live0();
}

static int t_vmflags(const struct dev *d)
{
	char shared[1024], priv[1024];
	int fd = open_dev(d->name), err = 0;
	void *p, *q;

	if (fd < 0)
		return 1;
	p = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (p == MAP_FAILED)
		return 1;
	if (vm_flags(p, shared, sizeof(shared)))
		FAIL("no smaps entry");
	diag("%s%s shared VmFlags:%s", cur_prefix, d->name, shared);
	err |= check_flags(shared, d->flags_on, d->flags_off);
	err |= check_flags(shared, "rd wr sh mr mw ms", "");
	munmap(p, NPAGES * PAGE);
	if (d->cow) {
		q = map_dev(d, fd, NPAGES, PGOFF, PROT_READ, MAP_PRIVATE);
		if (q == MAP_FAILED)
			return 1;
		if (vm_flags(q, priv, sizeof(priv)))
			FAIL("no smaps entry (private)");
		diag("%s%s private VmFlags:%s", cur_prefix, d->name, priv);
		err |= check_flags(priv, d->flags_on, d->flags_off);
		err |= check_flags(priv, "rd mr mw", "sh ms wr");
		munmap(q, NPAGES * PAGE);
	}
	close(fd);
	return err | check_live0();
}

/* A write through one shared mapping shows through another one. */
static int t_shared_write(const struct dev *d)
{
	int fd = open_dev(d->name), fd2 = open_dev(d->name), err = 0;
	unsigned char *a, *b, old;

	if (fd < 0 || fd2 < 0)
		return 1;
	a = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	b = map_dev(d, fd2, NPAGES, PGOFF, PROT_READ, MAP_SHARED);
	if (a == MAP_FAILED || b == MAP_FAILED)
		return 1;
	old = a[100];
	a[100] = 0x5a;
	if (b[100] != 0x5a) {
		diag("second mapping reads 0x%02x after write of 0x5a",
		     b[100]);
		err = 1;
	}
	a[100] = old;
	munmap(a, NPAGES * PAGE);
	munmap(b, NPAGES * PAGE);
	close(fd);
	close(fd2);
	return err | check_live0();
}

/*
 * MAP_PRIVATE: upstream allows a private (CoW) remap only when it covers
 * the whole VMA (-EINVAL otherwise). Writes go to a private copy: the
 * device memory, seen through a shared mapping, keeps its content.
 */
static int t_private(const struct dev *d)
{
	int fd = open_dev(d->name), err = 0;
	unsigned long n = mapped_pages(d, NPAGES);
	unsigned char *p, *s;

	if (fd < 0)
		return 1;
	p = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		 fd, PGOFF * PAGE);
	if (!d->cow) {
		if (p != MAP_FAILED)
			FAIL("private mapping of a partial remap succeeded");
		if (errno != EINVAL)
			FAIL("private mapping: %s, want EINVAL",
			     strerror(errno));
		if (count_maps() != 0)
			FAIL("mapping left in /proc/self/maps");
		close(fd);
		return check_live0();
	}
	if (p == MAP_FAILED)
		FAIL("private mmap: %s", strerror(errno));
	err |= check_contents(d, p, n, PGOFF);
	s = map_dev(d, fd, NPAGES, PGOFF, PROT_READ, MAP_SHARED);
	if (s == MAP_FAILED)
		return 1;
	memset(p + PAGE, 0xee, 64);
	if (p[PAGE] != 0xee)
		FAIL("private write not visible in the private mapping");
	if (s[PAGE] != expect_byte(d, PGOFF + 1)) {
		diag("private write leaked into the device memory: 0x%02x",
		     s[PAGE]);
		err = 1;
	}
	if (d->io) {
		/* the host checks that this never reaches the file */
		unsigned char *m = map_dev(d, fd, 1, MARK_PAGE,
					   PROT_READ | PROT_WRITE,
					   MAP_PRIVATE);

		if (m == MAP_FAILED)
			return 1;
		memcpy(m, MARK_PRIVATE, sizeof(MARK_PRIVATE));
		munmap(m, PAGE);
	}
	/* untouched private pages still read the device memory */
	err |= check_contents(d, p + 2 * PAGE, n > 2 ? n - 2 : 0, PGOFF + 2);
	munmap(p, NPAGES * PAGE);
	munmap(s, NPAGES * PAGE);
	close(fd);
	return err | check_live0();
}

static int t_fork(const struct dev *d)
{
	long open0 = read_knob("open");
	int fd = open_dev(d->name), status, err = 0;
	unsigned long n = mapped_pages(d, NPAGES);
	unsigned char *p, old;
	pid_t pid;

	if (fd < 0)
		return 1;
	p = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (p == MAP_FAILED)
		return 1;
	old = p[8];
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	if (!pid) {
		if (check_contents(d, p, n, PGOFF))
			_exit(1);
		p[8] = 0xa5;
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		FAIL("child failed (status 0x%x)", status);
	if (p[8] != 0xa5) {
		diag("child's write to the shared mapping not seen: 0x%02x",
		     p[8]);
		err = 1;
	}
	p[8] = old;
	if (read_knob("open") < open0 + 1) {
		diag("->open not called on fork (open %ld -> %ld)", open0,
		     read_knob("open"));
		err = 1;
	}
	munmap(p, NPAGES * PAGE);
	close(fd);
	return err | check_live0();
}

static int t_mremap(const struct dev *d)
{
	unsigned long n = mapped_pages(d, NPAGES);
	int fd = open_dev(d->name), err = 0;
	unsigned char *p, *q;

	if (fd < 0)
		return 1;
	p = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (p == MAP_FAILED)
		return 1;
	q = mremap(p, NPAGES * PAGE, (NPAGES + 2) * PAGE, MREMAP_MAYMOVE);
	if (d->grow == GROW_EFAULT) {
		if (q != MAP_FAILED)
			FAIL("mremap growth of a DONTEXPAND/PFNMAP VMA succeeded");
		if (errno != EFAULT)
			FAIL("mremap growth: %s, want EFAULT",
			     strerror(errno));
		q = p;
	} else {
		if (q == MAP_FAILED)
			FAIL("mremap growth: %s", strerror(errno));
		err |= check_contents(d, q, n, PGOFF);
		p = q;
		q = mremap(p, (NPAGES + 2) * PAGE, NPAGES * PAGE, 0);
		if (q == MAP_FAILED)
			FAIL("mremap back: %s", strerror(errno));
	}
	/* shrinking always works */
	p = mremap(q, NPAGES * PAGE, PAGE, 0);
	if (p == MAP_FAILED)
		FAIL("mremap shrink: %s", strerror(errno));
	err |= check_contents(d, p, 1, PGOFF);
	if (count_maps() != 1) {
		diag("%d device mappings after shrink, want 1", count_maps());
		err = 1;
	}
	munmap(p, PAGE);
	close(fd);
	return err | check_live0();
}

static int t_munmap_part(const struct dev *d)
{
	unsigned long n = mapped_pages(d, NPAGES);
	int fd = open_dev(d->name), err = 0;
	unsigned char *p;

	if (fd < 0)
		return 1;
	p = map_dev(d, fd, NPAGES, PGOFF, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (p == MAP_FAILED)
		return 1;
	if (munmap(p + PAGE, PAGE))
		FAIL("munmap of page 1: %s", strerror(errno));
	if (count_maps() != 2) {
		diag("%d device mappings after a hole, want 2", count_maps());
		err = 1;
	}
	err |= check_contents(d, p, 1, PGOFF);
	err |= check_contents(d, p + 2 * PAGE, n > 2 ? n - 2 : 0, PGOFF + 2);
	if (read_knob("live") != 2) {
		diag("live = %ld with two pieces, want 2", read_knob("live"));
		err = 1;
	}
	munmap(p, NPAGES * PAGE);
	if (count_maps() != 0)
		FAIL("mappings left after munmap");
	close(fd);
	return err | check_live0();
}

/* Mapping beyond the device memory is refused with EINVAL. */
static int t_beyond(const struct dev *d)
{
	int fd = open_dev(d->name), err = 0;
	unsigned long mem = d->mem_pages;
	struct { unsigned long pages, pgoff; } tries[] = {
		{ mem + 1, 0 }, { 2, mem - 1 }, { 1, mem },
	};
	unsigned int i;

	if (fd < 0)
		return 1;
	for (i = 0; i < ARRAY_SIZE(tries); i++) {
		unsigned long pages = tries[i].pages;
		void *p;

		/* the _part devices map half the VMA: double it */
		if (d->part)
			pages *= 2;
		p = mmap(NULL, pages * PAGE, PROT_READ, MAP_SHARED, fd,
			 tries[i].pgoff * PAGE);

		if (p != MAP_FAILED) {
			diag("%lu pages at pgoff %lu: mapped", pages,
			     tries[i].pgoff);
			munmap(p, pages * PAGE);
			err = 1;
		} else if (errno != EINVAL) {
			diag("%lu pages at pgoff %lu: %s, want EINVAL", pages,
			     tries[i].pgoff, strerror(errno));
			err = 1;
		}
	}
	if (count_maps() != 0)
		FAIL("mapping left in /proc/self/maps");
	close(fd);
	return err | check_live0();
}

/* ------------------------------------------------------ error cases */

struct err_case {
	const char *name;
	const char *dev;
	const char *knob;	/* NULL: none */
	const char *val;
	int prot;
	int flags;
	unsigned long pages;
	off_t off;
	int want;		/* errno */
};

static const struct err_case err_cases[] = {
	{ "length beyond buffer", "remap", NULL, NULL, PROT_READ,
	  MAP_SHARED, BUF_PAGES + 1, 0, EINVAL },
	/*
	 * A char device's maximum mmap offset is ULONG_MAX
	 * (file_mmap_size_max()): a huge pgoff reaches the driver, which
	 * refuses it as beyond its memory; only an offset whose end wraps
	 * (offset -PAGE: pgoff ULONG_MAX >> PAGE_SHIFT) fails in the core
	 * with EOVERFLOW (file_mmap_ok()), on every kernel since 5.10.
	 */
	{ "huge pgoff", "remap", NULL, NULL, PROT_READ, MAP_SHARED, 1,
	  (off_t)0x7ffffffffffff000LL, EINVAL },
	{ "pgoff overflow", "remap", NULL, NULL, PROT_READ, MAP_SHARED, 1,
	  -(off_t)PAGE, EOVERFLOW },
	{ "unaligned offset", "remap", NULL, NULL, PROT_READ, MAP_SHARED, 1,
	  100, EINVAL },
	{ "refuse_private", "remap", "refuse_private", "1", PROT_READ,
	  MAP_PRIVATE, 1, 0, EACCES },
	{ "refuse_exec", "remap", "refuse_exec", "1", PROT_READ | PROT_EXEC,
	  MAP_SHARED, 1, 0, EACCES },
	{ "inject range (remap)", "remap", "inject", "range", PROT_READ,
	  MAP_SHARED, 2, 0, EFAULT },
	{ "inject range (kpages)", "kpages", "inject", "range", PROT_READ,
	  MAP_SHARED, 2, 0, EFAULT },
	{ "inject short (kpages)", "kpages", "inject", "short", PROT_READ,
	  MAP_SHARED, 2, 0, EFAULT },
	{ "inject short (simple_ioremap)", "simple_ioremap", "inject",
	  "short", PROT_READ, MAP_SHARED, 2, 0, EINVAL },
	{ "inject mapped_fail (remap)", "remap", "inject", "mapped_fail",
	  PROT_READ, MAP_SHARED, 2, 0, ENOMEM },
	{ "inject mapped_fail (kpages)", "kpages", "inject", "mapped_fail",
	  PROT_READ, MAP_SHARED, 2, 0, ENOMEM },
	{ "inject mapped_fail (fault)", "fault", "inject", "mapped_fail",
	  PROT_READ, MAP_SHARED, 2, 0, ENOMEM },
	{ "inject mapped_fail (nested)", "nested", "inject", "mapped_fail",
	  PROT_READ, MAP_SHARED, 2, 0, ENOMEM },
	{ "inject bad_override", "remap", "inject", "bad_override",
	  PROT_READ, MAP_SHARED, 2, 0, EINVAL },
	{ "inject override", "remap", "inject", "override", PROT_READ,
	  MAP_SHARED, 2, 0, EAGAIN },
	{ "inject cow_partial", "remap", "inject", "cow_partial", PROT_READ,
	  MAP_PRIVATE, 2, 0, EINVAL },
};

/* The kernel may WARN for these by design; tell the host so. */
static bool warn_expected(const struct err_case *c)
{
	return c->val && !strcmp(c->val, "bad_override");
}

void kmsg_write(const char *msg)
{
	int fd = open("/dev/kmsg", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, msg, strlen(msg)) < 0)
			diag("write /dev/kmsg: %s", strerror(errno));
		close(fd);
	}
}

static int t_error(const struct err_case *c)
{
	const char *reset = (c->knob && !strcmp(c->knob, "inject")) ?
			    "none" : "0";
	int fd = open_dev(c->dev), err = 0, e;
	int maps0 = count_maps();
	void *p;

	if (fd < 0)
		return 1;
	if (c->knob && write_knob(c->knob, c->val))
		return 1;
	if (warn_expected(c))
		kmsg_write("mpc-test: expected-warn begin\n");
	p = mmap(NULL, c->pages * PAGE, c->prot, c->flags, fd, c->off);
	e = errno;
	if (warn_expected(c))
		kmsg_write("mpc-test: expected-warn end\n");
	if (c->knob)
		write_knob(c->knob, reset);
	if (p != MAP_FAILED) {
		diag("mmap succeeded, want %s", strerror(c->want));
		munmap(p, c->pages * PAGE);
		err = 1;
	} else if (e != c->want) {
		diag("mmap: %s, want %s", strerror(e), strerror(c->want));
		err = 1;
	}
	if (count_maps() != maps0) {
		diag("%d device mappings after the error, had %d",
		     count_maps(), maps0);
		err = 1;
	}
	/* the knob reset must make the same mapping work again */
	if (c->knob && strcmp(c->knob, "refuse_exec") &&
	    strcmp(c->val, "cow_partial")) {
		p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			diag("mapping after reset: %s", strerror(errno));
			err = 1;
		} else {
			munmap(p, PAGE);
		}
	}
	if (c->knob && !strcmp(c->knob, "refuse_exec")) {
		/* control: exec mappings are allowed without the knob */
		p = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			diag("PROT_EXEC without refuse_exec: %s",
			     strerror(errno));
			err = 1;
		} else {
			munmap(p, PAGE);
		}
	}
	close(fd);
	return err | check_live0();
}

/* -------------------------------------------------------- misc cases */

static const char *expect_path;

static int t_path(const void *arg)
{
	const char *want = arg;
	char path[32];

	if (read_knob_str("path", path, sizeof(path)))
		FAIL("cannot read %s", dbg_path("path"));
	diag("%sexample path: %s", cur_prefix, path);
	if (strcmp(path, "native") && strcmp(path, "compat"))
		FAIL("path '%s' is neither native nor compat", path);
	if (want && strcmp(path, want))
		FAIL("path '%s', want '%s'", path, want);
	return 0;
}

/* Writes the marker the host looks for in the ivshmem file. */
static int t_shm_mark(const void *unused)
{
	const struct dev *d = &devs[2];	/* ioremap */
	int fd = open_dev(d->name);
	unsigned char *m;

	(void)unused;
	if (fd < 0)
		return 1;
	m = map_dev(d, fd, 1, MARK_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (m == MAP_FAILED)
		return 1;
	memcpy(m, MARK_SHARED, sizeof(MARK_SHARED));
	msync(m, PAGE, MS_SYNC);
	munmap(m, PAGE);
	close(fd);
	return check_live0();
}

static int load_seconds = 3;

static int load_worker(int id)
{
	static const char *const names[] = {
		"remap", "kpages", "fault", "ioremap", "kpages_full", "nested",
	};
	const unsigned int nn = ARRAY_SIZE(names);
	time_t end = time(NULL) + load_seconds;
	unsigned long iter = 0;
	unsigned int k;
	int fds[6];

	for (k = 0; k < nn; k++) {
		fds[k] = open_dev(names[k]);
		if (fds[k] < 0)
			return 1;
	}
	while (time(NULL) < end) {
		for (k = 0; k < nn; k++) {
			const struct dev *d = NULL;
			unsigned int j;
			unsigned char *p;
			unsigned long pg = (iter + id) % 8, i;

			for (j = 0; j < ARRAY_SIZE(devs); j++)
				if (!strcmp(devs[j].name, names[k]))
					d = &devs[j];
			p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
				 MAP_SHARED, fds[k], pg * PAGE);
			if (p == MAP_FAILED) {
				diag("load %d: mmap %s: %s", id, names[k],
				     strerror(errno));
				return 1;
			}
			for (i = 0; i < 8; i++)
				if (p[i * PAGE + 7] != expect_byte(d, pg + i)) {
					diag("load %d: %s page %lu bad", id,
					     names[k], i);
					return 1;
				}
			munmap(p, 8 * PAGE);
		}
		iter++;
	}
	diag("load worker %d: %lu rounds", id, iter);
	return 0;
}

static int t_load(const void *unused)
{
	int i, status, err = 0;
	pid_t pids[4];

	(void)unused;
	for (i = 0; i < 4; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			FAIL("fork: %s", strerror(errno));
		if (!pids[i])
			_exit(load_worker(i));
	}
	for (i = 0; i < 4; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			diag("load worker %d failed (status 0x%x)", i, status);
			err = 1;
		}
	}
	return err | check_live0();
}

/* The module name of @path: its base name up to the first dot. */
static void module_name(const char *path, char *name, size_t size)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	snprintf(name, size, "%.*s", (int)strcspn(base, "."), base);
}

/* /sys/module/@name/@attr, its first line, or "-". */
static void module_attr(const char *name, const char *attr, char *out,
			size_t size)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/%s", name, attr);
	snprintf(out, size, "-");
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(out, (int)size, f))
		out[strcspn(out, "\n")] = 0;
	else
		snprintf(out, size, "-");
	fclose(f);
}

/*
 * The GNU build ID of the loaded module @name, in hex, from its
 * .note.gnu.build-id (an ELF note: namesz, descsz, type, "GNU\0", desc),
 * or "-".
 */
static void module_build_id(const char *name, char *out, size_t size)
{
	unsigned char note[256];
	unsigned int namesz, descsz, i;	/* ELF note words: 32 bits */
	char path[256];
	ssize_t n;
	int fd;

	snprintf(out, size, "-");
	snprintf(path, sizeof(path),
		 "/sys/module/%s/notes/.note.gnu.build-id", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, note, sizeof(note));
	close(fd);
	if (n < 12)
		return;
	memcpy(&namesz, note, 4);
	memcpy(&descsz, note + 4, 4);
	namesz = (namesz + 3) & ~3U;
	if (12 + (size_t)namesz + descsz > (size_t)n || descsz * 2 + 1 > size)
		return;
	for (i = 0; i < descsz; i++)
		sprintf(out + 2 * i, "%02x", note[12 + namesz + i]);
}

static int t_load_module(const void *arg)
{
	const char *path = arg;
	char name[128], version[64], srcversion[64], build_id[130];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		FAIL("open %s: %s", path, strerror(errno));
	if (syscall(SYS_finit_module, fd, "", 0))
		FAIL("finit_module %s: %s", path, strerror(errno));
	close(fd);
	/* what was loaded, for the host to match against the file it packed */
	module_name(path, name, sizeof(name));
	module_attr(name, "version", version, sizeof(version));
	module_attr(name, "srcversion", srcversion, sizeof(srcversion));
	module_build_id(name, build_id, sizeof(build_id));
	diag("module %s: version %s srcversion %s build-id %s", name, version,
	     srcversion, build_id);
	return 0;
}

static int t_unload_module(const void *arg)
{
	const char *path = arg;
	char name[128];
	int tries;

	module_name(path, name, sizeof(name));
	for (tries = 0; tries < 50; tries++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		usleep(100000);
	}
	FAIL("delete_module %s: %s", name, strerror(errno));
}

/*
 * The third-party driver of tests/thirdparty, built with the compat layer
 * embedded under its own prefix and loaded next to the shared module: its
 * whole buffer maps, with the bytes it wrote.
 */
#define ACME_DEV	"/dev/acme_mmap"
#define ACME_PAGES	4
#define ACME_FILL	0xac

static int t_thirdparty(const void *unused)
{
	size_t len = ACME_PAGES * (size_t)getpagesize(), i;
	unsigned char *p;
	int fd, bad = 0;

	(void)unused;
	fd = open(ACME_DEV, O_RDWR);
	if (fd < 0)
		FAIL("open %s: %s", ACME_DEV, strerror(errno));
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		FAIL("mmap %s: %s", ACME_DEV, strerror(errno));
	for (i = 0; i < len && !bad; i++)
		bad = p[i] != ACME_FILL;
	munmap(p, len);
	if (bad)
		FAIL("byte %zu is not 0x%x", i - 1, ACME_FILL);
	return 0;
}

static char **extra_cmd;

static int t_extra(const void *unused)
{
	int pfd[2], status;
	char line[512];
	FILE *f;
	pid_t pid;

	(void)unused;
	if (pipe(pfd))
		FAIL("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	if (!pid) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		execv(extra_cmd[0], extra_cmd);
		printf("exec %s: %s\n", extra_cmd[0], strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	f = fdopen(pfd[0], "r");
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		diag("%s", line);
	}
	if (f)
		fclose(f);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		FAIL("%s exited with status 0x%x", extra_cmd[0], status);
	return 0;
}

/* ------------------------------------------------------------ runner */

struct tcase {
	char name[128];
	int (*fn)(const void *arg);
	const void *arg;
	const char *prefix;
	bool in_child;
};

static struct tcase cases[MAX_CASES];
static int ncases;

void add(int (*fn)(const void *), const void *arg, bool in_child,
	 const char *fmt, ...)
{
	struct tcase *c = &cases[ncases++];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->name, sizeof(c->name), fmt, ap);
	va_end(ap);
	c->fn = fn;
	c->arg = arg;
	c->prefix = prefix;
	c->in_child = in_child;
}

#define DEV_CASE(fn) ((int (*)(const void *))(fn))

static void add_suite(const char *want_path)
{
	unsigned int i;

	add(t_path, want_path, true, "%sexample: path", prefix);
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		const struct dev *d = &devs[i];

		add(DEV_CASE(t_contents), d, true, "%s%s: contents", prefix,
		    d->name);
		add(DEV_CASE(t_vmflags), d, true, "%s%s: VmFlags", prefix,
		    d->name);
		add(DEV_CASE(t_shared_write), d, true, "%s%s: shared write",
		    prefix, d->name);
		add(DEV_CASE(t_private), d, true, "%s%s: MAP_PRIVATE", prefix,
		    d->name);
		add(DEV_CASE(t_fork), d, true, "%s%s: fork", prefix, d->name);
		add(DEV_CASE(t_mremap), d, true, "%s%s: mremap", prefix,
		    d->name);
		add(DEV_CASE(t_munmap_part), d, true, "%s%s: partial munmap",
		    prefix, d->name);
		add(DEV_CASE(t_beyond), d, true, "%s%s: range beyond memory",
		    prefix, d->name);
	}
	for (i = 0; i < ARRAY_SIZE(err_cases); i++)
		add(DEV_CASE(t_error), &err_cases[i], true, "%serror: %s",
		    prefix, err_cases[i].name);
	add_merge_cases();
	add_stacked_cases();
	add(t_shm_mark, NULL, true, "%sioremap: write marker to BAR 2",
	    prefix);
	add(t_load, NULL, true, "%sload: 4 processes x %d s", prefix,
	    load_seconds);
	add_fuzz_cases();
}

static int run_case(int n, struct tcase *c)
{
	int status;
	pid_t pid;

	cur_prefix = c->prefix;
	if (!c->in_child)
		return c->fn(c->arg);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		diag("fork: %s", strerror(errno));
		return 1;
	}
	if (!pid) {
		alarm(CASE_TIMEOUT);
		_exit(c->fn(c->arg) ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	if (WIFSIGNALED(status)) {
		diag("case %d killed by signal %d%s", n, WTERMSIG(status),
		     WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
		return 1;
	}
	return WEXITSTATUS(status) != 0;
}

/* ------------------------------------------------------ host helpers */

static int fill_shm(const char *file)
{
	static unsigned char page[PAGE];
	unsigned long p;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		perror(file);
		return 1;
	}
	for (p = 0; p < SHM_PAGES; p++) {
		memset(page, shm_byte(p), PAGE);
		if (write(fd, page, PAGE) != (ssize_t)PAGE) {
			perror(file);
			return 1;
		}
	}
	return close(fd) ? 1 : 0;
}

static int check_shm(const char *file)
{
	static unsigned char page[PAGE];
	unsigned long p, i;
	int fd = open(file, O_RDONLY), err = 0;

	if (fd < 0) {
		perror(file);
		return 1;
	}
	for (p = 0; p < SHM_PAGES; p++) {
		if (read(fd, page, PAGE) != (ssize_t)PAGE) {
			fprintf(stderr, "%s: short\n", file);
			return 1;
		}
		if (memmem(page, PAGE, MARK_PRIVATE, strlen(MARK_PRIVATE))) {
			fprintf(stderr, "%s: private write reached page %lu\n",
				file, p);
			err = 1;
		}
		if (p == MARK_PAGE) {
			if (memcmp(page, MARK_SHARED, strlen(MARK_SHARED))) {
				fprintf(stderr, "%s: no guest marker\n", file);
				err = 1;
			}
			continue;
		}
		for (i = 0; i < PAGE; i++)
			if (page[i] != shm_byte(p)) {
				fprintf(stderr, "%s: page %lu changed\n",
					file, p);
				err = 1;
				break;
			}
	}
	close(fd);
	return err;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: mpc-test [-m MOD.ko]... [-p PREFIX]... [-e PATH] [-l S] [-s SEED] [-f S]\n"
		"                [-x PROG [-x ARG]...]\n"
		"       mpc-test --fill-shm FILE | --check-shm FILE\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mods[16], *prefixes[4];
	int nmods = 0, nprefixes = 0, nextra = 0, i, failed = 0;
	char *extra[16];

	if (argc == 3 && !strcmp(argv[1], "--fill-shm"))
		return fill_shm(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--check-shm"))
		return check_shm(argv[2]);

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			print_usage();
		if (!strcmp(argv[i], "-m") && nmods < 16)
			mods[nmods++] = argv[++i];
		else if (!strcmp(argv[i], "-p") && nprefixes < 4)
			prefixes[nprefixes++] = argv[++i];
		else if (!strcmp(argv[i], "-e"))
			expect_path = argv[++i];
		else if (!strcmp(argv[i], "-l"))
			load_seconds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-s"))
			fuzz_seed = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-f"))
			fuzz_seconds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-x") && nextra < 15)
			extra[nextra++] = argv[++i];
		else
			print_usage();
	}
	if (!nprefixes)
		prefixes[nprefixes++] = "mpc_";
	extra[nextra] = NULL;
	extra_cmd = extra;
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (i = 0; i < nmods; i++)
		add(t_load_module, mods[i], false, "load %s",
		    strrchr(mods[i], '/') ? strrchr(mods[i], '/') + 1 :
		    mods[i]);
	for (i = 0; i < nprefixes; i++) {
		prefix = prefixes[i];
		/* a second prefix is the forced-compat copy */
		add_suite(i ? "compat" : expect_path);
	}
	for (i = 0; i < nmods; i++)
		if (strstr(mods[i], "acme_mmap"))
			add(t_thirdparty, NULL, true,
			    "third-party driver with an embedded copy maps its buffer");
	if (nextra)
		add(t_extra, NULL, false, "run %s", extra[0]);
	for (i = nmods - 1; i >= 0; i--)
		add(t_unload_module, mods[i], false, "unload %s",
		    strrchr(mods[i], '/') ? strrchr(mods[i], '/') + 1 :
		    mods[i]);

	printf("TAP version 13\n1..%d\n", ncases);
	for (i = 0; i < ncases; i++) {
		int bad;

		/* after a failed load, the rest cannot work: still run it */
		bad = run_case(i + 1, &cases[i]);
		failed += bad;
		printf("%sok %d - %s\n", bad ? "not " : "", i + 1,
		       cases[i].name);
	}
	diag("mpc-test: %d of %d cases failed", failed, ncases);
	return failed ? 1 : 0;
}
