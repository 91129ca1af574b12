/* SPDX-License-Identifier: GPL-2.0 */
/* The stub kernel is 5.10 (x86-64 Debian config): vm_flags written directly. */
#ifndef _MPC_STUB_KERNEL_H
#define _MPC_STUB_KERNEL_H
#define STUB_LINUX_VERSION	510
#endif
