// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_prepare_compat.ko: the shared compat module. It holds the compat layer
 * for every driver on this kernel that uses the shared mode; on a kernel with
 * the whole native API it holds nothing and only reports that.
 */
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

static int __init mmap_prepare_compat_init(void)
{
	pr_info("mmap_prepare_compat: %s mmap_prepare API\n",
		MMAP_PREPARE_COMPAT_EMULATED ? "emulated" : "native");
	return 0;
}

static void __exit mmap_prepare_compat_exit(void)
{
}

module_init(mmap_prepare_compat_init);
module_exit(mmap_prepare_compat_exit);

MODULE_DESCRIPTION("The Linux 7.3 mmap_prepare API on older kernels");
MODULE_LICENSE("GPL");
/* the package's version (configure.ac's AC_INIT), passed by src/Kbuild */
#ifdef MMAP_PREPARE_COMPAT_VERSION
MODULE_VERSION(MMAP_PREPARE_COMPAT_VERSION);
#endif
