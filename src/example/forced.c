// SPDX-License-Identifier: GPL-2.0
/*
 * The example driver built through the compat path even where the kernel has
 * the native API, with the compat layer embedded under its own prefix: the
 * benchmark compares both paths on one kernel, and the tests load it next to
 * the shared module. Kbuild defines MMAP_PREPARE_COMPAT_FORCE_COMPAT,
 * MMAP_PREPARE_COMPAT_EMBEDDED and the prefix for this object.
 */
#define MPC_EXAMPLE_PREFIX "mpcf_"

#include "main.c"
#include "hooks.c"
#include "debugfs.c"
#include "merge.c"
#include "teardown.c"
#include "stacked.c"
#include "../../compat/mmap_prepare_compat_all.c"
