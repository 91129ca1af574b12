/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the parts of mpc-test: helpers of mpc-test.c and the case
 * groups the other mpc-test-*.c files add to the suite.
 */
#ifndef MPC_TEST_H
#define MPC_TEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#define BIT(nr)		(1UL << (nr))

#define PAGE		4096UL
#define BUF_PAGES	16	/* MPC_EXAMPLE_PAGES */
#define FAIL(...) do { diag(__VA_ARGS__); return 1; } while (0)

extern const char *prefix;	/* prefix of the suite being built */
extern const char *cur_prefix;	/* prefix of the running case */

void diag(const char *fmt, ...);
unsigned char buf_byte(unsigned long p);
char *dbg_path(const char *knob);
long read_knob(const char *knob);
int read_knob_str(const char *knob, char *out, size_t len);
int write_knob(const char *knob, const char *val);
int open_dev(const char *dev);
int count_maps(void);
int vm_flags(void *addr, char *out, size_t len);
bool has_flag(const char *flags, const char *fl);
int check_flags(const char *flags, const char *on, const char *off);
/* Read the byte at @p; the signal it raised, or 0. */
int read_byte(const void *p, unsigned char *val);
int check_live0(void);
void kmsg_write(const char *msg);
void add(int (*fn)(const void *), const void *arg, bool in_child,
	 const char *fmt, ...);

/* Does the running prefix's example use the compat path? */
bool on_compat_path(void);
/* Kernel release as major * 100 + minor (6.12 -> 612). */
int kernel_version(void);

/* mpc-test-merge.c: item 4, an adjacent mmap() merged before the hook */
void add_merge_cases(void);
/* mpc-test-stacked.c: stacked callers and teardown order */
void add_stacked_cases(void);
/* mpc-test-fuzz.c: the randomized phase */
void add_fuzz_cases(void);
extern unsigned long fuzz_seed;
extern int fuzz_seconds;

#endif /* MPC_TEST_H */
