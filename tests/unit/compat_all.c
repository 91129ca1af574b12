// SPDX-License-Identifier: GPL-2.0
/* The compat layer under test, built against the stub kernel headers. */
#include "../../compat/mmap_prepare_compat_all.c"
