/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stub kernel is 6.12 on arm64 (Debian's arm64 config): as k612 (vm_flags
 * changed through vm_flags_set()/vm_flags_clear()), with arm64's VM_* flags:
 * VM_ARM64_BTI in ARCH_1, three POE key bits, VM_MTE/VM_MTE_ALLOWED in
 * HIGH_ARCH_4/5, no VM_PAT, no soft-dirty, no shadow stack. I/O PFNs are
 * not translated (arm64 has no io_remap_pfn_range_pfn()).
 */
#ifndef _MPC_STUB_KERNEL_H
#define _MPC_STUB_KERNEL_H
#define STUB_LINUX_VERSION	612
#define STUB_ARCH_ARM64		1
#endif
