// SPDX-License-Identifier: GPL-2.0
/*
 * The test runner: TAP output, one line per test, and a closing
 * "N passed, N failed" line; exit status 1 when any test failed. An
 * argument runs only the tests whose "suite.name" contains it.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "harness.h"

#define __unit_str2(x)	#x
#define __unit_str(x)	__unit_str2(x)

static const struct unit_suite *const unit_suites[] = {
#ifdef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
	&suite_nogpl,	/* the other suites use the PFN remap helpers */
#else
	&suite_helpers, &suite_flags, &suite_action, &suite_prepare,
	&suite_complete, &suite_mmap, &suite_stacked,
#endif
};

bool unit_expect_warnings;
static bool unit_failed;

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	unit_failed = true;
	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static bool unit_selected(const char *suite, const char *test, int argc,
			  char **argv)
{
	char name[256];
	int i;

	if (argc < 2)
		return true;
	snprintf(name, sizeof(name), "%s.%s", suite, test);
	for (i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	unsigned int s, t, total = 0, passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (s = 0; s < ARRAY_SIZE(unit_suites); s++)
		for (t = 0; t < unit_suites[s]->nr; t++)
			total += unit_selected(unit_suites[s]->name,
					       unit_suites[s]->tests[t].name,
					       argc, argv);
	printf("1..%u\n", total);
	printf("# stub kernel %d, prefix %s\n", STUB_LINUX_VERSION,
	       __unit_str(MMAP_PREPARE_COMPAT_PREFIX));

	for (s = 0; s < ARRAY_SIZE(unit_suites); s++) {
		const struct unit_suite *suite = unit_suites[s];

		for (t = 0; t < suite->nr; t++) {
			const struct unit_test *test = &suite->tests[t];

			if (!unit_selected(suite->name, test->name, argc, argv))
				continue;
			stub_reset();
			unit_expect_warnings = false;
			unit_failed = false;
			fflush(stderr);
			test->fn();
			if (!unit_failed && stub.bugs)
				unit_fail(__FILE__, __LINE__, "BUG_ON() hit %u time(s)",
					  stub.bugs);
			if (!unit_failed && stub.file_errors)
				unit_fail(__FILE__, __LINE__,
					  "%u file reference error(s)",
					  stub.file_errors);
			if (!unit_failed && stub.warnings && !unit_expect_warnings)
				unit_fail(__FILE__, __LINE__,
					  "%u unexpected warning(s)",
					  stub.warnings);
			fflush(stderr);
			printf("%sok %u - %s.%s\n", unit_failed ? "not " : "",
			       passed + failed + 1, suite->name, test->name);
			if (unit_failed)
				failed++;
			else
				passed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
