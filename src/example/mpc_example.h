/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The example driver: one misc device per mmap action, written against the
 * upstream 7.3 mmap_prepare API. See Documentation/internals.rst for the
 * interface the runtime tests drive.
 */
#ifndef _MPC_EXAMPLE_H
#define _MPC_EXAMPLE_H

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/types.h>

#include <linux/mmap_prepare_compat.h>

#define MPC_EXAMPLE_PAGES	16
#define MPC_EXAMPLE_ORDER	4	/* ilog2(MPC_EXAMPLE_PAGES) */

/* Device and debugfs names start with this; the forced-compat build differs. */
#ifndef MPC_EXAMPLE_PREFIX
#define MPC_EXAMPLE_PREFIX	"mpc_"
#endif

/* Faults the debugfs "inject" knob makes the driver commit. */
enum mpc_inject {
	MPC_INJECT_NONE,
	MPC_INJECT_RANGE,		/* action reaches beyond the VMA */
	MPC_INJECT_SHORT,		/* too few pages / physical range */
	MPC_INJECT_MAPPED_FAIL,		/* ->mapped fails with -ENOMEM */
	MPC_INJECT_BAD_OVERRIDE,	/* error_override = 1 */
	MPC_INJECT_OVERRIDE,		/* the action or ->mapped fails, -EAGAIN */
	MPC_INJECT_COW_PARTIAL,		/* partial remap of a private mapping */
	MPC_NR_INJECT,
};

/**
 * struct mpc_example - the state of the example driver
 * @pages: the kernel buffer, physically contiguous, one page per entry
 * @bad_pages: @pages with a slab page first, for a failing page insertion
 * @slab_buf: the page-sized kmalloc() buffer behind @bad_pages[0]
 * @pfn: the first PFN of @pages
 * @bar_phys: physical address of PCI BAR 2 of the first ivshmem device
 * @bar_len: its length; 0 when there is no such device
 * @pdev: that PCI device, referenced while the module is loaded
 * @inject: the fault to inject, an enum mpc_inject
 * @refuse_private: refuse MAP_PRIVATE mappings with -EACCES
 * @refuse_exec: refuse PROT_EXEC mappings with -EACCES
 * @nr_mapped: ->mapped calls that succeeded
 * @nr_open: ->open calls
 * @nr_close: ->close calls
 * @nr_live: VMAs that hold per-mapping state; 0 once every mapping is gone
 */
struct mpc_example {
	struct page *pages[MPC_EXAMPLE_PAGES];
	struct page *bad_pages[MPC_EXAMPLE_PAGES];
	void *slab_buf;
	unsigned long pfn;
	phys_addr_t bar_phys;
	unsigned long bar_len;
	struct pci_dev *pdev;
	int inject;
	bool refuse_private;
	bool refuse_exec;
	atomic_t nr_mapped;
	atomic_t nr_open;
	atomic_t nr_close;
	atomic_t nr_live;
};

extern struct mpc_example mpc_example;

/* One device of the example driver. */
struct mpc_example_device {
	const char *name;
	const struct file_operations *fops;
};

/* The devices of one source file of the driver. */
struct mpc_example_device_list {
	const struct mpc_example_device *devs;
	unsigned int nr;
};

/* hooks.c: one device per action, the nested and the legacy device */
extern const struct mpc_example_device_list mpc_action_devices;
/* merge.c: no-action devices whose mappings the kernel may merge */
extern const struct mpc_example_device_list mpc_merge_devices;
/* teardown.c: a remap whose ->close frees the memory it maps */
extern const struct mpc_example_device_list mpc_teardown_devices;
/* stacked.c: stacked callers of inner mmap_prepare hooks */
extern const struct mpc_example_device_list mpc_stacked_devices;

/* Shared by the device files (hooks.c). */
extern const struct vm_operations_struct mpc_vm_ops;
extern const struct vm_operations_struct mpc_fault_vm_ops;
int mpc_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
	       const struct file *file, void **vm_private_data);
int mpc_remap_prepare(struct vm_area_desc *desc);
int mpc_prepare_common(struct vm_area_desc *desc, unsigned long nr_pages,
		       const struct vm_operations_struct *vm_ops);

int mpc_example_debugfs_init(void);
void mpc_example_debugfs_exit(void);

#endif /* _MPC_EXAMPLE_H */
