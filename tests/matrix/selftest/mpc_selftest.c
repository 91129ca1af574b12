// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-in for src/example (mpc_example.ko) used to test the matrix harness
 * itself before, or independently of, the real compat layer: the same device
 * and debugfs interface (Documentation/internals.rst), implemented with the
 * legacy .mmap hook and the old kernel helpers only. It is never shipped.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>

#define NPAGES	16

static struct page *buf;
static struct page *pages[NPAGES];
static resource_size_t bar_start, bar_len;
static atomic_t n_mapped, n_open, n_close;
static char inject[16] = "none";
static bool refuse_private, refuse_exec;
static struct dentry *dir;

static void st_open(struct vm_area_struct *vma)
{
	atomic_inc(&n_open);
}

static void st_close(struct vm_area_struct *vma)
{
	atomic_inc(&n_close);
}

static vm_fault_t st_fault(struct vm_fault *vmf)
{
	if (vmf->pgoff >= NPAGES)
		return VM_FAULT_SIGBUS;
	get_page(pages[vmf->pgoff]);
	vmf->page = pages[vmf->pgoff];
	return 0;
}

static const struct vm_operations_struct st_vm_ops = {
	.open = st_open,
	.close = st_close,
};

static const struct vm_operations_struct st_fault_ops = {
	.open = st_open,
	.close = st_close,
	.fault = st_fault,
};

enum kind { REMAP, REMAP_PART, IOREMAP, IOREMAP_PART, SIMPLE_IOREMAP,
	    KPAGES, KPAGES_FULL, FAULT, NESTED };

static bool is(const char *what)
{
	return !strcmp(inject, what);
}

static int st_mmap(enum kind k, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long pg = len >> PAGE_SHIFT, map = pg, mem;
	bool part = k == REMAP_PART || k == IOREMAP_PART;
	bool io = k == IOREMAP || k == IOREMAP_PART || k == SIMPLE_IOREMAP;
	bool cow = !(vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE);
	unsigned long n;
	int err;

	if (refuse_private && !(vma->vm_flags & VM_SHARED))
		return -EACCES;
	if (refuse_exec && (vma->vm_flags & VM_EXEC))
		return -EACCES;
	if (io && !bar_len)
		return -ENODEV;
	mem = io ? bar_len >> PAGE_SHIFT : NPAGES;
	if (part)
		map = pg / 2;
	if (vma->vm_pgoff > mem || map > mem - vma->vm_pgoff)
		return -EINVAL;
	if (is("override"))
		return -EAGAIN;
	if (is("bad_override"))
		return -EINVAL;
	if (is("range") && k != SIMPLE_IOREMAP)
		return -EFAULT;
	if (is("cow_partial") && cow)
		map = pg / 2;
	vma->vm_ops = k == FAULT ? &st_fault_ops : &st_vm_ops;

	switch (k) {
	case REMAP:
	case REMAP_PART:
	case NESTED:
		err = remap_pfn_range(vma, vma->vm_start,
				      page_to_pfn(buf) + vma->vm_pgoff,
				      map << PAGE_SHIFT, vma->vm_page_prot);
		break;
	case IOREMAP:
	case IOREMAP_PART:
		err = io_remap_pfn_range(vma, vma->vm_start,
					 (bar_start >> PAGE_SHIFT) +
					 vma->vm_pgoff,
					 map << PAGE_SHIFT, vma->vm_page_prot);
		break;
	case SIMPLE_IOREMAP:
		err = vm_iomap_memory(vma, bar_start,
				      is("short") ? PAGE_SIZE : bar_len);
		break;
	case KPAGES:
	case KPAGES_FULL:
		if (is("short"))
			return -EFAULT;
		n = map;
		err = vm_insert_pages(vma, vma->vm_start,
				      pages + vma->vm_pgoff, &n);
		break;
	case FAULT:
	default:
		err = 0;
		break;
	}
	if (err)
		return err;
	if (is("mapped_fail"))
		return -ENOMEM;
	atomic_inc(&n_mapped);
	return 0;
}

#define DEV(nm, kind)							\
static int st_mmap_##nm(struct file *f, struct vm_area_struct *vma)	\
{									\
	return st_mmap(kind, vma);					\
}									\
static const struct file_operations st_fops_##nm = {			\
	.owner = THIS_MODULE,						\
	.mmap = st_mmap_##nm,						\
};									\
static struct miscdevice st_dev_##nm = {				\
	.minor = MISC_DYNAMIC_MINOR,					\
	.name = "mpc_" #nm,						\
	.fops = &st_fops_##nm,					\
	.mode = 0666,							\
}

DEV(remap, REMAP);
DEV(remap_part, REMAP_PART);
DEV(ioremap, IOREMAP);
DEV(ioremap_part, IOREMAP_PART);
DEV(simple_ioremap, SIMPLE_IOREMAP);
DEV(kpages, KPAGES);
DEV(kpages_full, KPAGES_FULL);
DEV(fault, FAULT);
DEV(nested, NESTED);

static struct miscdevice *devs[] = {
	&st_dev_remap, &st_dev_remap_part, &st_dev_ioremap,
	&st_dev_ioremap_part, &st_dev_simple_ioremap, &st_dev_kpages,
	&st_dev_kpages_full, &st_dev_fault, &st_dev_nested,
};

static int live_get(void *data, u64 *val)
{
	*val = atomic_read(&n_mapped) + atomic_read(&n_open) -
	       atomic_read(&n_close);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(live_fops, live_get, NULL, "%lld\n");

static int cnt_get(void *data, u64 *val)
{
	*val = atomic_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(cnt_fops, cnt_get, NULL, "%lld\n");

static ssize_t inject_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char tmp[16] = "";

	if (len >= sizeof(tmp) || copy_from_user(tmp, ubuf, len))
		return -EINVAL;
	strim(tmp);
	strscpy(inject, tmp, sizeof(inject));
	return len;
}

static ssize_t inject_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	char tmp[20];
	int n = scnprintf(tmp, sizeof(tmp), "%s\n", inject);

	return simple_read_from_buffer(ubuf, len, ppos, tmp, n);
}

static const struct file_operations inject_fops = {
	.read = inject_read,
	.write = inject_write,
};

static ssize_t path_read(struct file *f, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, len, ppos, "compat\n", 7);
}

static const struct file_operations path_fops = {
	.read = path_read,
};

static int __init st_init(void)
{
	struct pci_dev *pdev;
	unsigned int i;
	int err;

	buf = alloc_pages(GFP_KERNEL | __GFP_ZERO, ilog2(NPAGES));
	if (!buf)
		return -ENOMEM;
	split_page(buf, ilog2(NPAGES));
	for (i = 0; i < NPAGES; i++) {
		pages[i] = buf + i;
		memset(page_address(pages[i]), i + 1, PAGE_SIZE);
	}
	pdev = pci_get_device(0x1af4, 0x1110, NULL);	/* ivshmem */
	if (pdev) {
		bar_start = pci_resource_start(pdev, 2);
		bar_len = pci_resource_len(pdev, 2);
		pci_dev_put(pdev);
	}
	dir = debugfs_create_dir("mpc_example", NULL);
	debugfs_create_file("mapped", 0444, dir, &n_mapped, &cnt_fops);
	debugfs_create_file("open", 0444, dir, &n_open, &cnt_fops);
	debugfs_create_file("close", 0444, dir, &n_close, &cnt_fops);
	debugfs_create_file("live", 0444, dir, NULL, &live_fops);
	debugfs_create_file("inject", 0644, dir, NULL, &inject_fops);
	debugfs_create_file("path", 0444, dir, NULL, &path_fops);
	debugfs_create_bool("refuse_private", 0644, dir, &refuse_private);
	debugfs_create_bool("refuse_exec", 0644, dir, &refuse_exec);
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		err = misc_register(devs[i]);
		if (err) {
			while (i--)
				misc_deregister(devs[i]);
			debugfs_remove_recursive(dir);
			for (i = 0; i < NPAGES; i++)
				__free_page(pages[i]);
			return err;
		}
	}
	return 0;
}

static void __exit st_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(devs); i++)
		misc_deregister(devs[i]);
	debugfs_remove_recursive(dir);
	for (i = 0; i < NPAGES; i++)
		__free_page(pages[i]);
}

module_init(st_init);
module_exit(st_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("matrix harness self-test stand-in for mpc_example");
