/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stub kernel is 6.12 (x86-64 Debian config): vm_flags is read-only and
 * changed through vm_flags_set()/vm_flags_clear() (6.3+), vma_set_file() is
 * exported (5.11+). Custom: its architecture translates I/O PFNs through
 * io_remap_pfn_range_pfn(), as MIPS and SPARC do on 7.x, so the unit tests
 * see both sides of that hook.
 */
#ifndef _MPC_STUB_KERNEL_H
#define _MPC_STUB_KERNEL_H
#define STUB_LINUX_VERSION	612
#define STUB_ARCH_IO_REMAP_PFN	0x100000UL
#endif
