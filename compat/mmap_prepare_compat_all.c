// SPDX-License-Identifier: GPL-2.0
/*
 * All of the compat layer as one translation unit, for builds that compile it
 * from another directory: the shared module's Kbuild and a vendor driver that
 * embeds the layer through mmap-prepare-compat.mk.
 */
#include "desc.c"
#include "action_prepare.c"
#include "action_complete.c"
#include "mmap.c"
