// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-test: the stacked callers of the example driver (stacked.c: a
 * compat_vma_mmap() caller, a uio-style and a vmbus-style one) and the
 * teardown order of a failing mapping (teardown.c); issue 8 items 1, 2, 6.
 * Expected results are 7.3's on every kernel.
 */
#include "mpc-test.h"

#define NPAGES	4
#define PGOFF	2

struct counters {
	long mapped, close, live;
};

static void counters(struct counters *c)
{
	c->mapped = read_knob("mapped");
	c->close = read_knob("close");
	c->live = read_knob("live");
}

/* A stacked device maps the remap device's pages, ->mapped once. */
static int t_stacked_map(const void *arg)
{
	const char *dev = arg;
	struct counters a, b;
	unsigned char *p;
	unsigned long i;
	int fd = open_dev(dev), err = 0;

	if (fd < 0)
		return 1;
	counters(&a);
	p = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_SHARED, fd, PGOFF * PAGE);
	if (p == MAP_FAILED)
		FAIL("mmap %s%s: %s", cur_prefix, dev, strerror(errno));
	for (i = 0; i < NPAGES; i++) {
		unsigned char got;

		if (read_byte(p + i * PAGE + 9, &got) ||
		    got != buf_byte(PGOFF + i)) {
			diag("page %lu: byte 0x%02x, want 0x%02x", i, got,
			     buf_byte(PGOFF + i));
			err = 1;
		}
	}
	counters(&b);
	if (b.mapped != a.mapped + 1 || b.live != a.live + 1) {
		diag("->mapped ran %ld times (live +%ld), want exactly once",
		     b.mapped - a.mapped, b.live - a.live);
		err = 1;
	}
	munmap(p, NPAGES * PAGE);
	counters(&b);
	if (b.close != a.close + 1) {
		diag("->close ran %ld times after munmap, want 1",
		     b.close - a.close);
		err = 1;
	}
	close(fd);
	return err | check_live0();
}

struct stacked_err {
	const char *dev;
	const char *inject;
	int want;
};

/*
 * The stacked path returns the error of the action or ->mapped itself,
 * never error_override, and never calls ->close (7.3 mm/util.c): the
 * caller's caller, the kernel, removes the VMA.
 */
static const struct stacked_err stacked_errs[] = {
	{ "stacked", "override", ENOMEM },
	{ "stacked", "mapped_fail", ENOMEM },
	{ "stacked", "range", EFAULT },
	{ "uio", "override", ENOMEM },
	{ "uio", "mapped_fail", ENOMEM },
	{ "vmbus", "override", ENOMEM },
	{ "vmbus", "mapped_fail", ENOMEM },
};

static int t_stacked_err(const struct stacked_err *c)
{
	struct counters a, b;
	void *p;
	int fd = open_dev(c->dev), err = 0, e;

	if (fd < 0)
		return 1;
	counters(&a);
	if (write_knob("inject", c->inject))
		return 1;
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	e = errno;
	write_knob("inject", "none");
	counters(&b);
	if (p != MAP_FAILED) {
		munmap(p, 2 * PAGE);
		FAIL("mmap succeeded, want %s", strerror(c->want));
	}
	if (e != c->want) {
		diag("mmap: %s, want %s", strerror(e), strerror(c->want));
		err = 1;
	}
	if (b.close != a.close || b.mapped != a.mapped) {
		diag("->close ran %ld times, ->mapped %ld, want neither",
		     b.close - a.close, b.mapped - a.mapped);
		err = 1;
	}
	if (count_maps() != 0) {
		diag("%d device mappings after the error", count_maps());
		err = 1;
	}
	close(fd);
	return err | check_live0();
}

/* Does the kernel log hold @needle (from boot on)? */
static bool kmsg_has(const char *needle)
{
	char buf[2048];
	bool hit = false;
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		return false;
	for (;;) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		buf[n] = 0;
		hit |= !!strstr(buf, needle);
	}
	close(fd);
	return hit;
}

#define NONESTED_MSG	"without MMAP_PREPARE_COMPAT_NESTED(): a ->mapped hook"

/*
 * A stacked caller without MMAP_PREPARE_COMPAT_NESTED(): natively ->mapped
 * runs; on the compat path it cannot, and the kernel log says so (once).
 */
static int t_nonested(const void *unused)
{
	bool compat = on_compat_path();
	struct counters a, b;
	unsigned char *p;
	int fd = open_dev("uio_nonested"), err = 0;

	(void)unused;
	if (fd < 0)
		return 1;
	counters(&a);
	p = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_SHARED, fd, PGOFF * PAGE);
	if (p == MAP_FAILED)
		FAIL("mmap: %s", strerror(errno));
	counters(&b);
	if (p[9] != buf_byte(PGOFF)) {
		diag("byte 0x%02x, want 0x%02x", p[9], buf_byte(PGOFF));
		err = 1;
	}
	if (b.mapped - a.mapped != (compat ? 0 : 1)) {
		diag("->mapped ran %ld times, want %d", b.mapped - a.mapped,
		     compat ? 0 : 1);
		err = 1;
	}
	if (compat && !kmsg_has(NONESTED_MSG)) {
		diag("no kernel log line about the missing NESTED()");
		err = 1;
	}
	munmap(p, NPAGES * PAGE);
	close(fd);
	return err | check_live0();
}

/* ---------------------------------------------- teardown order (item 1) */

#define TD_LIVE		0xa5	/* teardown.c MPC_TEARDOWN_LIVE */
#define TD_ROUNDS	3

static __thread sigjmp_buf td_env;
static atomic_int td_stop;
static unsigned char *td_addr;
static unsigned long td_live, td_other, td_faults;
static unsigned char td_bad;

static void td_handler(int sig)
{
	siglongjmp(td_env, sig);
}

/* Read the fixed address until told to stop; classify what it shows. */
static void *td_reader(void *unused)
{
	unsigned char v;

	(void)unused;
	while (!td_stop) {
		if (sigsetjmp(td_env, 1)) {
			td_faults++;
			sched_yield();
			continue;
		}
		v = __atomic_load_n(td_addr, __ATOMIC_RELAXED);
		if (v == TD_LIVE) {
			td_live++;
		} else {
			td_other++;
			td_bad = v;
		}
		sched_yield();
	}
	return NULL;
}

/*
 * ->mapped fails and ->close frees the page that was remapped. A second
 * thread reads the address all the while: it may see the page while the
 * mapping is being set up, or fault, but never the page after ->close.
 */
static int t_teardown(const void *unused)
{
	struct sigaction sa = { .sa_handler = td_handler };
	unsigned char *r;
	pthread_t th;
	int round, err = 0;

	(void)unused;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	for (round = 0; round < TD_ROUNDS; round++) {
		int fd = open_dev("teardown"), e;
		void *p;

		if (fd < 0)
			return 1;
		r = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
		if (r == MAP_FAILED)
			FAIL("reserve: %s", strerror(errno));
		td_addr = r;
		td_stop = 0;
		if (pthread_create(&th, NULL, td_reader, NULL))
			FAIL("pthread_create failed");
		usleep(1000);
		p = mmap(r, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
		e = errno;
		usleep(1000);
		td_stop = 1;
		pthread_join(th, NULL);
		if (p != MAP_FAILED) {
			diag("mmap succeeded, want ENOMEM");
			err = 1;
		} else if (e != ENOMEM) {
			diag("mmap: %s, want ENOMEM", strerror(e));
			err = 1;
		}
		munmap(r, PAGE);
		close(fd);
	}
	diag("reader: %lu reads of the live page, %lu faults, %lu other",
	     td_live, td_faults, td_other);
	if (td_other)
		FAIL("reader saw 0x%02x: the page after ->close freed it",
		     td_bad);
	if (!td_live)
		FAIL("reader never saw the live page: the test cannot see the window");
	return err | (count_maps() != 0);
}

#define STACKED_CASE(fn) ((int (*)(const void *))(fn))

void add_stacked_cases(void)
{
	static const char *const devs[] = { "stacked", "uio", "vmbus" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(devs); i++)
		add(t_stacked_map, devs[i], true,
		    "%s%s: stacked mapping, ->mapped once", prefix, devs[i]);
	for (i = 0; i < ARRAY_SIZE(stacked_errs); i++)
		add(STACKED_CASE(t_stacked_err), &stacked_errs[i], true,
		    "%s%s: inject %s gives %s, no ->close", prefix,
		    stacked_errs[i].dev, stacked_errs[i].inject,
		    strerror(stacked_errs[i].want));
	add(t_nonested, NULL, true,
	    "%suio_nonested: no NESTED(): ->mapped natively, a log line on compat",
	    prefix);
	add(t_teardown, NULL, true,
	    "%steardown: page tables gone before ->close frees the page",
	    prefix);
}
