/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: the kernel's basic types, as far as the compat layer uses them. */
#ifndef _STUB_LINUX_TYPES_H
#define _STUB_LINUX_TYPES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

typedef unsigned long pgoff_t;
typedef u64 phys_addr_t;
typedef unsigned long vm_flags_t;
typedef unsigned int vm_fault_t;

#define __bitwise
#define __force
#define __private
#define __maybe_unused	__attribute__((__unused__))
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#endif /* _STUB_LINUX_TYPES_H */
