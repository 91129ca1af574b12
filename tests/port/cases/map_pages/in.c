// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: vm_map_pages() (the pages
 * from vm_pgoff on) and vm_map_pages_zero() (from the first page) over a
 * page array, and a call whose argument has a side effect.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

#define MAP_PAGES_NR 4

static struct page *map_pages_pages[MAP_PAGES_NR];
static unsigned long map_pages_calls;

static int map_pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	return vm_map_pages(vma, map_pages_pages, MAP_PAGES_NR);
}

static int map_pages_zero_mmap(struct file *file, struct vm_area_struct *vma)
{
	int ret;

	ret = vm_map_pages_zero(vma, map_pages_pages, MAP_PAGES_NR);
	if (ret)
		return ret;
	return 0;
}

static int map_pages_odd_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vm_map_pages(vma, map_pages_pages, map_pages_calls++);
}

static const struct file_operations map_pages_fops = {
	.owner = THIS_MODULE,
	.mmap = map_pages_mmap,
};

static const struct file_operations map_pages_zero_fops = {
	.owner = THIS_MODULE,
	.mmap = map_pages_zero_mmap,
};

static const struct file_operations map_pages_odd_fops = {
	.owner = THIS_MODULE,
	.mmap = map_pages_odd_mmap,
};

static struct miscdevice map_pages_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mp", .fops = &map_pages_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mpz", .fops = &map_pages_zero_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mpo", .fops = &map_pages_odd_fops },
};

static int __init map_pages_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(map_pages_misc); i++) {
		err = misc_register(&map_pages_misc[i]);
		if (err) {
			while (i--)
				misc_deregister(&map_pages_misc[i]);
			return err;
		}
	}
	return 0;
}

static void __exit map_pages_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(map_pages_misc); i++)
		misc_deregister(&map_pages_misc[i]);
}

module_init(map_pages_init);
module_exit(map_pages_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case map_pages");
