/* SPDX-License-Identifier: GPL-2.0 */
/* The driver's own header: included after the compat header. */
#define NATIVE_PAGES	4
static unsigned long native_pfn;
