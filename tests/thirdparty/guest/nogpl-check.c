// SPDX-License-Identifier: GPL-2.0
/*
 * nogpl-check: the guest side of tests/thirdparty/guest.sh. Loads the
 * non-GPL driver nogpl.ko (tests/thirdparty/guest/nogpl_main.c), checks what
 * the kernel log, the driver's counters and its two device nodes show, and
 * unloads it. One line per check, "ok - WHAT" or "not ok - WHAT: SEEN",
 * then "nogpl-check: done"; the host counts them.
 *
 *   nogpl-check -m /lib/mpc/nogpl.ko
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096UL
/* User space has no <linux/compiler_attributes.h>. */
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define WARN_TEXT "mmap_prepare_compat: PFN remap actions need GPL-only kernel symbols"

static __printf(3, 4) void result(int ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	printf("%s - %s", ok ? "ok" : "not ok", what);
	if (!ok) {
		printf(": ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	printf("\n");
	fflush(stdout);
}

static int param(const char *name)
{
	char path[128], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/nogpl/parameters/%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1000;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return atoi(buf);
}

/* The kernel log, as a string (static buffer). */
static const char *klog(void)
{
	static char buf[1 << 20];
	int n = klogctl(3, buf, sizeof(buf) - 1);	/* SYSLOG_ACTION_READ_ALL */

	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Whether /proc/self/maps names dev. */
static int mapped_dev(const char *dev)
{
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, dev))
			found = 1;
	fclose(f);
	return found;
}

static void *map(const char *dev, size_t len, unsigned long pgoff)
{
	void *p;
	int fd = open(dev, O_RDWR);

	if (fd < 0)
		return MAP_FAILED;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, pgoff * PAGE);
	close(fd);
	return p;
}

static void check_kernel_pages(void)
{
	int maps0 = param("maps"), closes0 = param("closes");
	int ref0 = param("pageref"), ref1, ok = 1;
	char seen[8] = "";
	unsigned char *p = map("/dev/nogpl_pages", 4 * PAGE, 0);
	size_t i;

	if (p == MAP_FAILED) {
		result(0, "map_kernel_pages: mmap of 4 pages", "%s", strerror(errno));
		return;
	}
	for (i = 0; i < 4; i++) {
		seen[i] = p[i * PAGE] == p[i * PAGE + PAGE - 1] ? p[i * PAGE] : '?';
		ok &= !memchr(p + i * PAGE, 'a' + i + 1, PAGE);
	}
	result(ok && !strcmp(seen, "abcd"),
	       "map_kernel_pages: the mapping holds the driver's pages \"abcd\"",
	       "\"%s\"", seen);
	ref1 = param("pageref");
	result(param("maps") == maps0 + 1 && param("closes") == closes0,
	       "map_kernel_pages: ->mapped ran once, ->close not yet",
	       "maps %+d, closes %+d", param("maps") - maps0,
	       param("closes") - closes0);
	result(ref1 == ref0 + 1, "map_kernel_pages: the mapping holds a page reference",
	       "pageref %d -> %d", ref0, ref1);
	munmap(p, 4 * PAGE);
	result(param("closes") == closes0 + 1 && param("pageref") == ref0,
	       "map_kernel_pages: munmap runs ->close and drops the reference",
	       "closes %+d, pageref %d -> %d", param("closes") - closes0,
	       ref0, param("pageref"));

	p = map("/dev/nogpl_pages", PAGE, 2);
	result(p != MAP_FAILED && p[0] == 'c' && p[PAGE - 1] == 'c',
	       "map_kernel_pages: one page at offset 2 is \"c\"", "%s",
	       p == MAP_FAILED ? strerror(errno) : "other contents");
	if (p != MAP_FAILED)
		munmap(p, PAGE);
}

static void check_pfn(int round)
{
	int maps0 = param("maps"), closes0 = param("closes");
	int ref0 = param("pageref"), err;
	char what[128];
	void *p = map("/dev/nogpl_pfn", PAGE, 0);

	err = p == MAP_FAILED ? errno : 0;
	snprintf(what, sizeof(what),
		 "PFN remap action set by hand (mmap %d): mmap fails with EOPNOTSUPP",
		 round);
	result(err == EOPNOTSUPP, what, "%s",
	       err ? strerror(err) : "mmap succeeded");
	if (!err)
		munmap(p, PAGE);
	snprintf(what, sizeof(what),
		 "PFN remap action set by hand (mmap %d): no mapping left, no hook ran, no reference taken",
		 round);
	result(mapped_dev("nogpl_pfn") == 0 && param("maps") == maps0 &&
	       param("closes") == closes0 && param("pageref") == ref0, what,
	       "in maps %d, maps %+d, closes %+d, pageref %d -> %d",
	       mapped_dev("nogpl_pfn"), param("maps") - maps0,
	       param("closes") - closes0, ref0, param("pageref"));
}

int main(int argc, char **argv)
{
	const char *log;
	char taint[32] = "";
	FILE *f;
	int fd;

	if (argc != 3 || strcmp(argv[1], "-m")) {
		fprintf(stderr, "usage: nogpl-check -m MODULE.ko\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		result(0, "the non-GPL module loads", "%s", strerror(errno));
		log = klog();
		printf("# %s\n", log + (strlen(log) > 2000 ? strlen(log) - 2000 : 0));
		printf("nogpl-check: done\n");
		return 1;
	}
	close(fd);
	result(1, "the non-GPL module loads", "%s", "");
	log = klog();
	result(!strstr(log, "Unknown symbol") && !strstr(log, "GPL-only symbol"),
	       "the kernel log has no \"Unknown symbol\" or \"uses GPL-only symbol\"",
	       "%s", strstr(log, "Unknown symbol") ?: strstr(log, "GPL-only symbol"));
	f = fopen("/sys/module/nogpl/taint", "r");
	if (f) {
		if (!fgets(taint, sizeof(taint), f))
			taint[0] = 0;
		fclose(f);
	}
	result(!!strchr(taint, 'P'),
	       "the kernel took the licence as not GPL-compatible (module taint P)",
	       "taint \"%s\"", taint);

	check_kernel_pages();
	check_pfn(1);
	check_pfn(2);
	result(count(klog(), WARN_TEXT) == 1,
	       "the layer's warning is in the kernel log exactly once (two refused mmaps)",
	       "%d times", count(klog(), WARN_TEXT));
	result(param("maps") == 2 && param("closes") == 2,
	       "the driver's counters at the end: 2 mappings, 2 closes",
	       "maps %d, closes %d", param("maps"), param("closes"));
	result(!syscall(SYS_delete_module, "nogpl", O_NONBLOCK),
	       "the module unloads (no reference left)", "%s", strerror(errno));
	printf("nogpl-check: done\n");
	return 0;
}
