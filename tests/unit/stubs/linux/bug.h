/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userland stub: WARN_ON(), WARN_ON_ONCE() and BUG_ON() that count.
 *
 * Every call site owns a static struct stub_warn_site. WARN_ON_ONCE() warns
 * once per site, as the kernel does, until stub_warn_reset() re-arms every
 * site (the harness does so before each test). BUG_ON() does not stop the
 * program: it is counted, and the harness fails the test that hit it.
 */
#ifndef _STUB_LINUX_BUG_H
#define _STUB_LINUX_BUG_H

#include <linux/types.h>

/* <linux/compiler_attributes.h>, which every kernel file sees. */
#ifndef __compiletime_error
#define __compiletime_error(msg)	__attribute__((__error__(msg)))
#endif

struct stub_warn_site {
	const char *file;
	int line;
	bool once;
	bool registered;
	bool warned;
	unsigned int warnings;	/* warnings emitted since the last reset */
	unsigned int hits;	/* conditions found true since the last reset */
	struct stub_warn_site *next;
};

void stub_warn_hit(struct stub_warn_site *site, const char *func,
		   const char *cond);
void stub_bug_hit(const char *file, int line, const char *func,
		  const char *cond);

#define __STUB_WARN(condition, is_once) ({				\
	static struct stub_warn_site __stub_ws = {			\
		.file = __FILE__, .line = __LINE__, .once = (is_once),	\
	};								\
	int __stub_ret = !!(condition);					\
	if (unlikely(__stub_ret))					\
		stub_warn_hit(&__stub_ws, __func__, #condition);	\
	__stub_ret;							\
})

#define WARN_ON(condition)	__STUB_WARN(condition, false)
#define WARN_ON_ONCE(condition)	__STUB_WARN(condition, true)
#define VM_WARN_ON_ONCE(condition) ((void)WARN_ON_ONCE(condition))

#define BUG_ON(condition) do {						\
	if (unlikely(condition))					\
		stub_bug_hit(__FILE__, __LINE__, __func__, #condition);	\
} while (0)

#endif /* _STUB_LINUX_BUG_H */
