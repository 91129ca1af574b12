// SPDX-License-Identifier: GPL-2.0
/* The compat layer, compiled into the shared module. */
#include "../compat/mmap_prepare_compat_all.c"
