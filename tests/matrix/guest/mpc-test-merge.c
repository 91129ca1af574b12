// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-test: a second mmap() of the same open file, right after an existing
 * mapping at the next file offset (issue 8 item 4). Upstream runs the hook
 * first, so it refuses a page past the end as always. On the compat path the
 * kernel first tries to extend the existing VMA and, when the flags match,
 * never calls .mmap: 5.10 and 6.1 unless the operations have ->close, 6.12
 * and the legacy path of 7.2+ (the forced-compat copy) even with one. A hook
 * that sets VMA_DONTEXPAND_BIT (mpc_fault) is never merged anywhere. The
 * cases assert exactly that, per kernel (Documentation/porting.rst).
 */
#include "mpc-test.h"

enum merge_dev { MERGE_DX, MERGE_CLOSE, MERGE_PLAIN };

struct merge_case {
	const char *dev;
	enum merge_dev kind;
};

static const struct merge_case merge_cases[] = {
	{ "fault", MERGE_DX },
	{ "fault_merge", MERGE_CLOSE },
	{ "fault_plain", MERGE_PLAIN },
};

/* Does the kernel extend the neighbour without calling .mmap? */
static bool merged_before_hook(const struct merge_case *c)
{
	if (c->kind == MERGE_DX || !on_compat_path())
		return false;
	return c->kind == MERGE_PLAIN || kernel_version() >= 612;
}

/* Does a new mapping inside the range end up in the neighbour's VMA? */
static bool merges_in_range(const struct merge_case *c)
{
	if (c->kind == MERGE_DX)
		return false;
	/* natively the hook runs and the kernel merges afterwards */
	return !on_compat_path() || merged_before_hook(c);
}

/* Bounds of the /proc/self/maps line that contains @addr. */
static int vma_bounds(const void *addr, unsigned long *start,
		      unsigned long *end)
{
	unsigned long a = (unsigned long)addr, s, e;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &s, &e) == 2 && a >= s && a < e) {
			*start = s;
			*end = e;
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

/* Two page-sized holes reserved together; the caller maps over them. */
static unsigned char *reserve2(void)
{
	void *r = mmap(NULL, 2 * PAGE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return r == MAP_FAILED ? NULL : r;
}

/* The mapping at @p must be one VMA of @pages pages starting at @p. */
static int check_one_vma(const unsigned char *p, unsigned long pages)
{
	unsigned long s, e;

	if (vma_bounds(p, &s, &e))
		FAIL("no VMA at %p", (void *)p);
	if (s != (unsigned long)p || e != s + pages * PAGE)
		FAIL("VMA %lx-%lx, want %lx-%lx", s, e, (unsigned long)p,
		     (unsigned long)p + pages * PAGE);
	return 0;
}

/*
 * Map the last valid page, then MAP_FIXED the page after it at the next
 * offset, through the same file.
 */
static int t_adjacent_past_end(const struct merge_case *c)
{
	bool merged = merged_before_hook(c);
	long mapped0 = read_knob("mapped");
	unsigned char *r = reserve2(), *p, *q, got;
	int fd = open_dev(c->dev), err = 0, sig;

	if (fd < 0 || !r)
		FAIL("setup failed");
	diag("%s%s on %d.%02d, %s path: expect %s", cur_prefix, c->dev,
	     kernel_version() / 100, kernel_version() % 100,
	     on_compat_path() ? "compat" : "native",
	     merged ? "merged without the hook (documented)" : "EINVAL");
	p = mmap(r, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd,
		 (BUF_PAGES - 1) * PAGE);
	if (p != r)
		FAIL("mmap of the last page: %s", strerror(errno));
	q = mmap(r + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, BUF_PAGES * PAGE);
	if (!merged) {
		if (q != MAP_FAILED)
			FAIL("mmap past the end succeeded, want EINVAL");
		if (errno != EINVAL)
			FAIL("mmap past the end: %s, want EINVAL",
			     strerror(errno));
		err |= check_one_vma(p, 1);
	} else {
		if (q != r + PAGE)
			FAIL("mmap past the end: %s, want the merge",
			     q == MAP_FAILED ? strerror(errno) : "moved");
		err |= check_one_vma(p, 2);
		sig = read_byte(q, &got);
		if (sig != SIGBUS) {
			diag("page past the end: signal %d, want SIGBUS", sig);
			err = 1;
		}
	}
	sig = read_byte(p, &got);
	if (sig || got != buf_byte(BUF_PAGES - 1)) {
		diag("last page: signal %d, byte 0x%02x", sig, got);
		err = 1;
	}
	if (count_maps() != 1) {
		diag("%d device mappings, want 1", count_maps());
		err = 1;
	}
	if (c->kind != MERGE_PLAIN && read_knob("mapped") != mapped0 + 1) {
		diag("->mapped ran %ld times, want 1",
		     read_knob("mapped") - mapped0);
		err = 1;
	}
	munmap(r, 2 * PAGE);
	close(fd);
	return err | check_live0();
}

/* The same with a valid second page: one VMA or two, ->mapped per VMA. */
static int t_adjacent_in_range(const struct merge_case *c)
{
	bool one = merges_in_range(c);
	long mapped0 = read_knob("mapped");
	unsigned char *r = reserve2(), *p, *q;
	int fd = open_dev(c->dev), err = 0;

	if (fd < 0 || !r)
		FAIL("setup failed");
	p = mmap(r, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	q = mmap(r + PAGE, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, PAGE);
	if (p != r || q != r + PAGE)
		FAIL("mmap: %s", strerror(errno));
	if (one)
		err |= check_one_vma(p, 2);
	else
		err |= check_one_vma(p, 1) | check_one_vma(q, 1);
	if (p[7] != buf_byte(0) || q[7] != buf_byte(1)) {
		diag("contents 0x%02x 0x%02x", p[7], q[7]);
		err = 1;
	}
	if (c->kind != MERGE_PLAIN &&
	    read_knob("mapped") != mapped0 + (one ? 1 : 2)) {
		diag("->mapped ran %ld times, want %d",
		     read_knob("mapped") - mapped0, one ? 1 : 2);
		err = 1;
	}
	munmap(r, 2 * PAGE);
	close(fd);
	return err | check_live0();
}

#define MERGE_CASE(fn) ((int (*)(const void *))(fn))

void add_merge_cases(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(merge_cases); i++) {
		const struct merge_case *c = &merge_cases[i];

		add(MERGE_CASE(t_adjacent_past_end), c, true,
		    "%s%s: adjacent mmap past the end", prefix, c->dev);
		add(MERGE_CASE(t_adjacent_in_range), c, true,
		    "%s%s: adjacent mmap in range", prefix, c->dev);
	}
}
