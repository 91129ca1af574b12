// SPDX-License-Identifier: GPL-2.0
/*
 * The example driver's debugfs knobs and counters, for the runtime tests.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

static struct dentry *mpc_debugfs_dir;

static const char * const mpc_inject_names[MPC_NR_INJECT] = {
	[MPC_INJECT_NONE] = "none",
	[MPC_INJECT_RANGE] = "range",
	[MPC_INJECT_SHORT] = "short",
	[MPC_INJECT_MAPPED_FAIL] = "mapped_fail",
	[MPC_INJECT_BAD_OVERRIDE] = "bad_override",
	[MPC_INJECT_OVERRIDE] = "override",
	[MPC_INJECT_COW_PARTIAL] = "cow_partial",
};

static ssize_t mpc_inject_read(struct file *file, char __user *buf,
			       size_t count, loff_t *ppos)
{
	const char *name = mpc_inject_names[READ_ONCE(mpc_example.inject)];
	char line[32];
	int len;

	len = scnprintf(line, sizeof(line), "%s\n", name);
	return simple_read_from_buffer(buf, count, ppos, line, len);
}

static ssize_t mpc_inject_write(struct file *file, const char __user *buf,
				size_t count, loff_t *ppos)
{
	char word[32];
	ssize_t len;
	int i;

	len = simple_write_to_buffer(word, sizeof(word) - 1, ppos, buf, count);
	if (len < 0)
		return len;
	word[len] = '\0';
	i = sysfs_match_string(mpc_inject_names, word);
	if (i < 0)
		return i;
	WRITE_ONCE(mpc_example.inject, i);
	return count;
}

static const struct file_operations mpc_inject_fops = {
	.owner = THIS_MODULE,
	.read = mpc_inject_read,
	.write = mpc_inject_write,
	.llseek = default_llseek,
};

static ssize_t mpc_path_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	const char *path = MMAP_PREPARE_COMPAT_EMULATED ? "compat\n" : "native\n";

	return simple_read_from_buffer(buf, count, ppos, path, strlen(path));
}

static const struct file_operations mpc_path_fops = {
	.owner = THIS_MODULE,
	.read = mpc_path_read,
	.llseek = default_llseek,
};

int mpc_example_debugfs_init(void)
{
	struct dentry *dir;

	dir = debugfs_create_dir(MPC_EXAMPLE_PREFIX "example", NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	mpc_debugfs_dir = dir;

	debugfs_create_atomic_t("mapped", 0444, dir, &mpc_example.nr_mapped);
	debugfs_create_atomic_t("open", 0444, dir, &mpc_example.nr_open);
	debugfs_create_atomic_t("close", 0444, dir, &mpc_example.nr_close);
	debugfs_create_atomic_t("live", 0444, dir, &mpc_example.nr_live);
	debugfs_create_file("inject", 0644, dir, NULL, &mpc_inject_fops);
	debugfs_create_bool("refuse_private", 0644, dir,
			    &mpc_example.refuse_private);
	debugfs_create_bool("refuse_exec", 0644, dir, &mpc_example.refuse_exec);
	debugfs_create_file("path", 0444, dir, NULL, &mpc_path_fops);
	return 0;
}

void mpc_example_debugfs_exit(void)
{
	debugfs_remove_recursive(mpc_debugfs_dir);
}
