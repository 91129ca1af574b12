// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-bench: cost of mmap + touch every page + munmap through the example
 * driver, per action type, against the hand-written legacy .mmap
 * (/dev/mpc_legacy, remap_pfn_range). Reported, never pass/fail.
 *
 *   mpc-bench [ROUNDS [ITERATIONS]]
 *
 * Rounds are interleaved (every device once per round) so that drift of
 * the (emulated) machine hits every device alike; the median round counts.
 * /dev/mpcf_* (the forced-compat copy, present on kernels with the native
 * API) is measured too, so native and compat compare in one guest.
 * Every output line starts with "bench: ".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define PAGES		16
#define MAX_ROUNDS	64

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

static const char *const names[] = {
	"mpc_legacy", "mpc_remap", "mpcf_remap", "mpc_kpages", "mpcf_kpages",
	"mpc_kpages_full", "mpcf_kpages_full", "mpc_fault", "mpcf_fault",
	"mpc_nested", "mpcf_nested",
};

#define NDEV ARRAY_SIZE(names)

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per mmap+touch+munmap, or -1 */
static double measure(int fd, int iters)
{
	volatile unsigned char sink = 0;
	double t0 = now_ns();
	int i, p;

	for (i = 0; i < iters; i++) {
		unsigned char *m = mmap(NULL, PAGES * PAGE,
					PROT_READ | PROT_WRITE, MAP_SHARED,
					fd, 0);

		if (m == MAP_FAILED)
			return -1;
		for (p = 0; p < PAGES; p++)
			sink += m[p * PAGE];
		munmap(m, PAGES * PAGE);
	}
	(void)sink;
	return (now_ns() - t0) / iters;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double med[NDEV];

static double get(const char *name)
{
	unsigned int i;

	for (i = 0; i < NDEV; i++)
		if (!strcmp(names[i], name))
			return med[i];
	return -1;
}

static void print_ratio(const char *a, const char *b)
{
	double x = get(a), y = get(b);

	if (x > 0 && y > 0)
		printf("bench: ratio %-16s / %-16s = %.2f\n", a, b, x / y);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 7;
	int iters = argc > 2 ? atoi(argv[2]) : 200;
	static double t[NDEV][MAX_ROUNDS];
	int fds[NDEV], r;
	unsigned int i;
	char path[64], mode[16];

	if (rounds < 1 || rounds > MAX_ROUNDS || iters < 1)
		return 2;
	for (i = 0; i < NDEV; i++) {
		snprintf(path, sizeof(path), "/dev/%s", names[i]);
		fds[i] = open(path, O_RDWR);
	}
	for (r = 0; r < rounds; r++)
		for (i = 0; i < NDEV; i++)
			t[i][r] = fds[i] < 0 ? -1 : measure(fds[i], iters);

	printf("bench: %d rounds x %d x (mmap %d pages + touch + munmap)\n",
	       rounds, iters, PAGES);
	for (i = 0; i < NDEV; i++) {
		if (fds[i] < 0 || t[i][0] < 0) {
			med[i] = -1;
			continue;
		}
		qsort(t[i], rounds, sizeof(double), cmp);
		med[i] = t[i][rounds / 2];
		if (!strncmp(names[i], "mpcf_", 5))
			snprintf(mode, sizeof(mode), "compat(forced)");
		else if (!strcmp(names[i], "mpc_legacy"))
			snprintf(mode, sizeof(mode), "legacy .mmap");
		else
			snprintf(mode, sizeof(mode), "default path");
		printf("bench: %-16s %-15s median %8.0f ns  (min %.0f max %.0f)\n",
		       names[i], mode, med[i], t[i][0], t[i][rounds - 1]);
	}
	print_ratio("mpc_remap", "mpc_legacy");
	print_ratio("mpcf_remap", "mpc_legacy");
	print_ratio("mpc_nested", "mpc_legacy");
	print_ratio("mpc_remap", "mpcf_remap");
	print_ratio("mpc_kpages", "mpcf_kpages");
	print_ratio("mpc_kpages_full", "mpcf_kpages_full");
	print_ratio("mpc_fault", "mpcf_fault");
	print_ratio("mpc_kpages", "mpc_legacy");
	print_ratio("mpc_fault", "mpc_legacy");
	return 0;
}
