// SPDX-License-Identifier: GPL-2.0
/*
 * Compiles every header the derivation rewrites or whose users it
 * rewrites, so that a derived tree that no longer parses fails here, before
 * any probe could misread it as "feature absent".
 */
#include <linux/dax.h>
#include <linux/fs.h>
#include <linux/hyperv.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/shmem_fs.h>
#include <linux/uio_driver.h>

static int __init derive_sanity_init(void)
{
	return 0;
}
module_init(derive_sanity_init);
MODULE_LICENSE("GPL");
