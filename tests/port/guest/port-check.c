// SPDX-License-Identifier: GPL-2.0
/*
 * port-check: the guest side of tests/port/guest.sh. Loads each module
 * given with -m (the legacy sample driver, then the one mpc-port converted),
 * runs the same checks on its two device nodes and prints one line per
 * check, "<module>: <check>: <what was seen>", then unloads it. The host
 * compares the lines of the two modules: they must be the same.
 *
 *   port-check -m /lib/mpc/ps_legacy.ko -m /lib/mpc/ps_conv.ko
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096UL

static char mod[64];

static int param(const char *name)
{
	char path[128], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return atoi(buf);
}

/* The VmFlags line of the mapping at addr in /proc/self/smaps. */
static void vmflags(void *addr, char *out, size_t len)
{
	char line[512], want[32];
	int found = 0;
	FILE *f = fopen("/proc/self/smaps", "r");

	snprintf(out, len, "?");
	if (!f)
		return;
	snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, want, strlen(want)))
			found = 1;
		else if (found && !strncmp(line, "VmFlags:", 8)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(out, len, "%s", line + 9);
			break;
		}
	}
	fclose(f);
}

static void say(const char *check, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void say(const char *check, const char *fmt, ...)
{
	va_list ap;

	printf("%s: %s: ", mod, check);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* mmap() len bytes of dev at page offset pgoff; describe what happened. */
static void map(const char *check, const char *dev, size_t len,
		unsigned long pgoff, int flags, int keep_mremap)
{
	char path[64], fl[512], seen[64] = "";
	int fd, maps0 = param("maps"), closes0 = param("closes");
	int opens0 = param("opens");
	unsigned char *p;
	size_t i;

	snprintf(path, sizeof(path), "/dev/%s", dev);
	fd = open(path, O_RDWR);
	if (fd < 0) {
		say(check, "open: %s", strerror(errno));
		return;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, pgoff * PAGE);
	close(fd);
	if (p == MAP_FAILED) {
		say(check, "mmap: %s; maps %+d, opens %+d, closes %+d",
		    strerror(errno), param("maps") - maps0,
		    param("opens") - opens0, param("closes") - closes0);
		return;
	}
	for (i = 0; i < len / PAGE && i < sizeof(seen) - 1; i++)
		seen[i] = p[i * PAGE] == p[i * PAGE + PAGE - 1] ? p[i * PAGE] : '?';
	vmflags(p, fl, sizeof(fl));
	say(check, "pages \"%s\"; VmFlags %s; maps %+d, opens %+d", seen, fl,
	    param("maps") - maps0, param("opens") - opens0);
	if (keep_mremap) {
		void *q = mremap(p, len, len + PAGE, 0);

		say(check, "mremap to grow: %s",
		    q == MAP_FAILED ? strerror(errno) : "grown");
		if (q != MAP_FAILED) {
			p = q;
			len += PAGE;
		}
	}
	munmap(p, len);
	say(check, "after munmap: maps %+d, opens %+d, closes %+d",
	    param("maps") - maps0, param("opens") - opens0,
	    param("closes") - closes0);
}

static void checks(void)
{
	map("remap 1 page", "mpc_ps_remap", PAGE, 0, MAP_SHARED, 1);
	map("remap 2 pages", "mpc_ps_remap", 2 * PAGE, 0, MAP_SHARED, 0);
	map("remap private", "mpc_ps_remap", PAGE, 0, MAP_PRIVATE, 0);
	map("remap at page 1", "mpc_ps_remap", PAGE, 1, MAP_SHARED, 0);
	map("remap 3 pages", "mpc_ps_remap", 3 * PAGE, 0, MAP_SHARED, 0);
	map("pages 0-3", "mpc_ps_pages", 4 * PAGE, 0, MAP_SHARED, 0);
	map("pages 1-2", "mpc_ps_pages", 2 * PAGE, 1, MAP_SHARED, 1);
	map("pages 3-4", "mpc_ps_pages", 2 * PAGE, 3, MAP_SHARED, 0);
	map("pages at 4", "mpc_ps_pages", PAGE, 4, MAP_SHARED, 0);
	map("pages 0-4", "mpc_ps_pages", 5 * PAGE, 0, MAP_SHARED, 0);
	map("iomap 2 pages", "mpc_ps_iomap", 2 * PAGE, 0, MAP_SHARED, 0);
	map("iomap at page 1", "mpc_ps_iomap", PAGE, 1, MAP_SHARED, 0);
	map("iomap at page 2", "mpc_ps_iomap", PAGE, 2, MAP_SHARED, 0);
	map("iomap 3 pages", "mpc_ps_iomap", 3 * PAGE, 0, MAP_SHARED, 0);
	map("loop 4 pages", "mpc_ps_loop", 4 * PAGE, 0, MAP_SHARED, 0);
	map("loop 2 pages at 2", "mpc_ps_loop", 2 * PAGE, 2, MAP_SHARED, 0);
	map("loop 5 pages", "mpc_ps_loop", 5 * PAGE, 0, MAP_SHARED, 0);
	map("fault 2 pages at 1", "mpc_ps_fault", 2 * PAGE, 1, MAP_SHARED, 0);
	map("open 1 page", "mpc_ps_open", PAGE, 0, MAP_SHARED, 0);
	map("open 2 pages", "mpc_ps_open", 2 * PAGE, 0, MAP_SHARED, 0);
	map("outer shared", "mpc_ps_outer", 2 * PAGE, 0, MAP_SHARED, 1);
	map("outer private", "mpc_ps_outer", PAGE, 0, MAP_PRIVATE, 0);
	map("outer at page 1", "mpc_ps_outer", PAGE, 1, MAP_SHARED, 0);
	map("state 2 pages", "mpc_ps_state", 2 * PAGE, 0, MAP_SHARED, 0);
	map("state at page 1", "mpc_ps_state", PAGE, 1, MAP_SHARED, 0);
	map("state private", "mpc_ps_state", PAGE, 0, MAP_PRIVATE, 0);
	map("state 3 pages", "mpc_ps_state", 3 * PAGE, 0, MAP_SHARED, 0);
	say("end", "maps %d, opens %d", param("maps"), param("opens"));
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		const char *ko = argv[i + 1], *base = strrchr(ko, '/');
		int fd = open(ko, O_RDONLY);

		snprintf(mod, sizeof(mod), "%s", base ? base + 1 : ko);
		mod[strcspn(mod, ".")] = 0;
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
			say("load", "%s", strerror(errno));
			continue;
		}
		close(fd);
		say("load", "ok");
		checks();
		if (syscall(SYS_delete_module, mod, O_NONBLOCK))
			say("unload", "%s", strerror(errno));
		else
			say("unload", "ok");
	}
	return 0;
}
