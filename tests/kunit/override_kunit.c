// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: mmap_action.error_override.
 *
 * 7.3: mmap_action_prepare() accepts 0 or a valid -errno (-1 .. -MAX_ERRNO);
 * anything else is -EINVAL with a one-time WARN (check_mmap_action() in
 * mm/util.c). When a mapping made through f_op->mmap_prepare fails after the
 * VMA exists (action completion or ->mapped), mmap() returns the override
 * instead of the error; errors of the prepare step are never overridden.
 *
 * mpc_override_invalid is the only test of all suites that WARNs, once per
 * path: tests/kunit/run.sh allows exactly that WARN, only inside this case.
 */
#include "mpc_kunit_dev.h"

/* Valid overrides: prepare succeeds. */
static void mpc_override_valid(struct kunit *test)
{
	static const int ok[] = { 0, -EAGAIN, -EPERM, -ENOMEM, -1, -MAX_ERRNO };
	struct vm_area_desc desc;
	int i;

	mpc_kunit_attach_mm(test);
	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		mpc_kunit_desc_init(&desc, MPC_DESC_START, 2, 0, true);
		desc.action.error_override = ok[i];
		KUNIT_EXPECT_EQ_MSG(test, mpc_kunit_prepare_locked(&desc), 0,
				    "error_override %d", ok[i]);

		/* With an action as well. */
		mpc_kunit_desc_init(&desc, MPC_DESC_START, 2, 0, true);
		mmap_action_remap_full(&desc, 0x100);
		desc.action.error_override = ok[i];
		KUNIT_EXPECT_EQ_MSG(test, mpc_kunit_prepare_locked(&desc), 0,
				    "remap, error_override %d", ok[i]);
	}
}

/*
 * Invalid overrides: -EINVAL, whatever the action. The first one WARNs
 * (once per path; expected by run.sh), the others are silent.
 */
static void mpc_override_invalid(struct kunit *test)
{
	static const int bad[] = { 1, 4096, -MAX_ERRNO - 1, INT_MIN, INT_MAX };
	struct vm_area_desc desc;
	int i;

	mpc_kunit_attach_mm(test);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		mpc_kunit_desc_init(&desc, MPC_DESC_START, 2, 0, true);
		desc.action.error_override = bad[i];
		KUNIT_EXPECT_EQ_MSG(test, mpc_kunit_prepare_locked(&desc),
				    -EINVAL, "error_override %d", bad[i]);

		mpc_kunit_desc_init(&desc, MPC_DESC_START, 2, 0, true);
		mmap_action_remap_full(&desc, 0x100);
		desc.action.error_override = bad[i];
		KUNIT_EXPECT_EQ_MSG(test, mpc_kunit_prepare_locked(&desc),
				    -EINVAL, "remap, error_override %d", bad[i]);
	}
}

/* An invalid override fails mmap() with -EINVAL before anything is mapped. */
static void mpc_override_invalid_mmap(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.error_override = 1;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* A failed action completion returns the override. */
static void mpc_override_action_failure(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_KPAGES_SLAB);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EAGAIN);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));

	/* Without an override, the error itself. */
	mpc_dev.error_override = 0;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
}

/* A failed ->mapped returns the override too. */
static void mpc_override_mapped_failure(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.mapped_ret = -ENOMEM;
	mpc_dev.error_override = -EBUSY;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EBUSY);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* Errors of the prepare step are not overridden. */
static void mpc_override_not_for_prepare_errors(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_OUTSIDE);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EFAULT);

	/* Nor the hook's own error. */
	mpc_dev.mode = MPC_MODE_FAIL;
	mpc_dev.hook_ret = -EACCES;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EACCES);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* A successful mapping with an override set is just a success. */
static void mpc_override_success_untouched(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 0));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

static struct kunit_case mpc_override_cases[] = {
	KUNIT_CASE(mpc_override_valid),
	KUNIT_CASE(mpc_override_invalid),
	KUNIT_CASE(mpc_override_invalid_mmap),
	KUNIT_CASE(mpc_override_action_failure),
	KUNIT_CASE(mpc_override_mapped_failure),
	KUNIT_CASE(mpc_override_not_for_prepare_errors),
	KUNIT_CASE(mpc_override_success_untouched),
	{}
};

static struct kunit_suite mpc_override_suite = {
	.name = MPC_KUNIT_SUITE("mpc_error_override"),
	.test_cases = mpc_override_cases,
};

kunit_test_suite(mpc_override_suite);

MODULE_DESCRIPTION("KUnit tests of mmap_action.error_override");
MODULE_LICENSE("GPL");
