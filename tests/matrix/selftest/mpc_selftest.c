// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-in for src/example (mpc_example.ko) used to test the matrix harness
 * itself before, or independently of, the real compat layer: the same device
 * and debugfs interface (Documentation/internals.rst), implemented with the
 * legacy .mmap hook and the old kernel helpers only. It is never shipped.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/version.h>

#define NPAGES	16

static struct page *buf;
static struct page *pages[NPAGES];
static resource_size_t bar_start, bar_len;
static atomic_t n_mapped, n_open, n_close, n_live;
static char inject[16] = "none";
static bool refuse_private, refuse_exec;
static struct dentry *dir;

/* vm_private_data is non-NULL on a VMA that holds "per-mapping state". */
static void st_open(struct vm_area_struct *vma)
{
	atomic_inc(&n_open);
	if (vma->vm_private_data)
		atomic_inc(&n_live);
}

static void st_close(struct vm_area_struct *vma)
{
	atomic_inc(&n_close);
	if (vma->vm_private_data)
		atomic_dec(&n_live);
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

/* fault_plain: no state, no ->open, no ->close */
static const struct vm_operations_struct st_plain_ops = {
	.fault = st_fault,
};

enum kind { REMAP, REMAP_PART, IOREMAP, IOREMAP_PART, SIMPLE_IOREMAP,
	    KPAGES, KPAGES_FULL, FAULT, FAULT_MERGE, FAULT_PLAIN, NESTED,
	    STACKED, NONESTED };

/* What mpc_fault's hook asks for: no merging, no core dump. */
static void st_dontexpand(struct vm_area_struct *vma)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
#else
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
#endif
}

/* A failure after the action: the direct path unmaps, which calls ->close. */
static int st_fail_closed(enum kind k, struct vm_area_struct *vma, int err)
{
	if (k != NESTED && k != STACKED)
		st_close(vma);
	return err;
}

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
	if (is("bad_override"))
		return -EINVAL;
	if (is("range") && k != SIMPLE_IOREMAP)
		return -EFAULT;
	if (is("cow_partial") && cow)
		map = pg / 2;
	vma->vm_ops = k == FAULT || k == FAULT_MERGE ? &st_fault_ops : &st_vm_ops;
	if (k == FAULT_PLAIN)
		vma->vm_ops = &st_plain_ops;
	if (k == FAULT)
		st_dontexpand(vma);

	switch (k) {
	case REMAP:
	case REMAP_PART:
	case NESTED:
	case STACKED:
	case NONESTED:
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
	case FAULT_MERGE:
	case FAULT_PLAIN:
	default:
		err = 0;
		break;
	}
	if (err)
		return err;
	/* the stacked path reports ->mapped's error, never the override */
	if (is("override"))
		return st_fail_closed(k, vma, k == NESTED || k == STACKED ?
				      -ENOMEM : -EAGAIN);
	if (is("mapped_fail"))
		return st_fail_closed(k, vma, -ENOMEM);
	if (k == NONESTED)
		pr_warn_once("mpc_selftest: a stacked caller without MMAP_PREPARE_COMPAT_NESTED(): a ->mapped hook is not called\n");
	if (k == FAULT_PLAIN || k == NONESTED)
		return 0;
	vma->vm_private_data = vma;
	atomic_inc(&n_mapped);
	atomic_inc(&n_live);
	return 0;
}

/*
 * teardown: a page per open file; the "->mapped" step fails, the page
 * tables go, then the page is freed (7.3's order), sleeping in between.
 */
static int st_td_open(struct inode *inode, struct file *f)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	memset(page_address(page), 0xa5, PAGE_SIZE);
	f->private_data = page;
	return 0;
}

static int st_td_release(struct inode *inode, struct file *f)
{
	if (f->private_data)
		__free_page(f->private_data);
	return 0;
}

static int st_td_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct page *page = f->private_data;
	int err;

	if (!page)
		return -EBUSY;
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	err = remap_pfn_range(vma, vma->vm_start, page_to_pfn(page), PAGE_SIZE,
			      vma->vm_page_prot);
	if (err)
		return err;
	msleep(20);
	zap_vma_ptes(vma, vma->vm_start, PAGE_SIZE);
	memset(page_address(page), 0x6b, PAGE_SIZE);
	__free_page(page);
	f->private_data = NULL;
	msleep(20);
	return -ENOMEM;
}

static const struct file_operations st_fops_teardown = {
	.owner = THIS_MODULE,
	.open = st_td_open,
	.release = st_td_release,
	.mmap = st_td_mmap,
};

static struct miscdevice st_dev_teardown = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mpc_teardown",
	.fops = &st_fops_teardown,
	.mode = 0666,
};

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
DEV(fault_merge, FAULT_MERGE);
DEV(fault_plain, FAULT_PLAIN);
DEV(nested, NESTED);
DEV(stacked, STACKED);
DEV(uio, STACKED);
DEV(uio_nonested, NONESTED);
DEV(vmbus, STACKED);

static struct miscdevice *devs[] = {
	&st_dev_remap, &st_dev_remap_part, &st_dev_ioremap,
	&st_dev_ioremap_part, &st_dev_simple_ioremap, &st_dev_kpages,
	&st_dev_kpages_full, &st_dev_fault, &st_dev_fault_merge,
	&st_dev_fault_plain, &st_dev_nested, &st_dev_stacked, &st_dev_uio,
	&st_dev_uio_nonested, &st_dev_vmbus, &st_dev_teardown,
};

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
	debugfs_create_file("live", 0444, dir, &n_live, &cnt_fops);
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
