/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userland stub (custom): a spinlock that only counts, so a test sees every
 * lock released. The harness is single-threaded.
 */
#ifndef _STUB_LINUX_SPINLOCK_H
#define _STUB_LINUX_SPINLOCK_H

typedef struct {
	int held;
} spinlock_t;

#define DEFINE_SPINLOCK(name)	spinlock_t name = { 0 }

extern int stub_locks_held;

static inline void spin_lock(spinlock_t *lock)
{
	lock->held++;
	stub_locks_held++;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->held--;
	stub_locks_held--;
}

#endif /* _STUB_LINUX_SPINLOCK_H */
