// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-test: the stacked callers of the example driver (stacked.c: a
 * compat_vma_mmap() caller, a uio-style and a vmbus-style one); issue 8
 * items 2 and 6.
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
}
