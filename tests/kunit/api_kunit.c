// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: which API a driver gets.
 *
 * On a kernel with the whole native API (7.2+), built without
 * MMAP_PREPARE_COMPAT_FORCE_COMPAT, every upstream name must be the kernel's
 * own: the types are the ones file_operations.mmap_prepare and
 * vm_operations_struct.mapped use, the functions are the kernel's symbols,
 * the hook macros fill in .mmap_prepare and .mapped. On the compat path every
 * name must resolve to the prefixed private definitions instead.
 *
 * run.sh passes -DMPC_KUNIT_EXPECT_NATIVE=0/1: what the kernel under test is
 * known to be (7.3: native), independent of the probe results.
 */
#include "mpc_kunit.h"
#include <linux/kallsyms.h>
#include <linux/stringify.h>

#ifndef MPC_KUNIT_EXPECT_NATIVE
#error "run.sh must define MPC_KUNIT_EXPECT_NATIVE"
#endif

static int mpc_api_prepare(struct vm_area_desc *desc)
{
	return 0;
}

static int mpc_api_mapped(unsigned long start, unsigned long end,
			  pgoff_t pgoff, const struct file *file,
			  void **vm_private_data)
{
	return 0;
}

static const struct vm_operations_struct mpc_api_vm_ops = {
	MMAP_PREPARE_MAPPED(mpc_api_mapped)
};

MMAP_PREPARE_COMPAT_TRAMPOLINE(mpc_api_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&mpc_api_vm_ops, mpc_api_mapped));

static const struct file_operations mpc_api_fops = {
	MMAP_PREPARE_HOOK(mpc_api_prepare),
};

/* The probe result agrees with what the kernel under test is. */
static void mpc_api_native_probe(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, MMAP_PREPARE_COMPAT_NATIVE,
			MPC_KUNIT_EXPECT_NATIVE);
#ifdef MMAP_PREPARE_COMPAT_FORCE_COMPAT
	KUNIT_EXPECT_EQ(test, MMAP_PREPARE_COMPAT_EMULATED, 1);
#else
	KUNIT_EXPECT_EQ(test, MMAP_PREPARE_COMPAT_EMULATED,
			!MPC_KUNIT_EXPECT_NATIVE);
#endif
}

/* The name of the function at @fn, from kallsyms. */
static const char *mpc_api_symname(struct kunit *test, void *fn)
{
	char *buf = kunit_kzalloc(test, KSYM_SYMBOL_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	sprint_symbol_no_offset(buf, (unsigned long)fn);
	return buf;
}

/* Whether member @m of struct @s has type @t (top-level qualifiers aside). */
#define MPC_API_MEMBER_IS(s, m, t) \
	__builtin_types_compatible_p(typeof_member(struct s, m), t)

#if MMAP_PREPARE_COMPAT_EMULATED

#define MPC_API_PREFIX	__stringify(MMAP_PREPARE_COMPAT_PREFIX)

/* Compat: the upstream names are macros for the prefixed definitions. */
static void mpc_api_names(struct kunit *test)
{
	BUILD_BUG_ON(!__builtin_types_compatible_p(struct vm_area_desc,
						   struct __mpc_vm_area_desc));
	BUILD_BUG_ON(!__builtin_types_compatible_p(struct mmap_action,
						   struct __mpc_mmap_action));
	BUILD_BUG_ON(!__builtin_types_compatible_p(vma_flags_t,
						   __mpc_vma_flags_t));
#ifdef HAVE_FOP_MMAP_PREPARE
	/* The kernel's own hook takes a different type: no clash. */
	BUILD_BUG_ON(MPC_API_MEMBER_IS(file_operations, mmap_prepare,
				       int (*)(struct vm_area_desc *)));
#endif
	/* MMAP_PREPARE_HOOK() filled in .mmap with the trampoline. */
	KUNIT_EXPECT_NOT_NULL(test, mpc_api_fops.mmap);
#ifdef HAVE_FOP_MMAP_PREPARE
	KUNIT_EXPECT_NULL(test, mpc_api_fops.mmap_prepare);
#endif

	if (IS_ENABLED(CONFIG_KALLSYMS)) {
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, mmap_action_prepare),
				   MPC_API_PREFIX "mmap_action_prepare");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, mmap_action_complete),
				   MPC_API_PREFIX "mmap_action_complete");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, compat_set_desc_from_vma),
				   MPC_API_PREFIX "compat_set_desc_from_vma");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, __compat_vma_mmap),
				   MPC_API_PREFIX "__compat_vma_mmap");
	}
}

#else /* !MMAP_PREPARE_COMPAT_EMULATED */

/* Native: every name is the kernel's own. */
static void mpc_api_names(struct kunit *test)
{
	/* Not renamed by a macro of ours. */
#if defined(vm_area_desc) || defined(mmap_action) || \
	defined(mmap_action_prepare) || defined(mmap_action_complete) || \
	defined(compat_set_desc_from_vma) || defined(__compat_vma_mmap) || \
	defined(vma_desc_test) || defined(VMA_READ_BIT) || \
	defined(mmap_action_remap) || defined(vma_flags_t)
#error "the native path renames an upstream name"
#endif
	/* The types are the ones the kernel's own hooks take. */
	BUILD_BUG_ON(!MPC_API_MEMBER_IS(file_operations, mmap_prepare,
					int (*)(struct vm_area_desc *)));
	BUILD_BUG_ON(!MPC_API_MEMBER_IS(vm_operations_struct, mapped,
					int (*)(unsigned long, unsigned long,
						pgoff_t, const struct file *,
						void **)));
	BUILD_BUG_ON(!MPC_API_MEMBER_IS(vm_area_desc, vma_flags,
					typeof(((struct vm_area_struct *)NULL)->flags)));
	BUILD_BUG_ON(!__builtin_types_compatible_p(typeof(mmap_action_prepare) *,
						   int (*)(struct vm_area_desc *)));

	/* MMAP_PREPARE_HOOK()/MMAP_PREPARE_MAPPED() are plain member initialisers. */
	KUNIT_EXPECT_PTR_EQ(test, (void *)mpc_api_fops.mmap_prepare,
			    (void *)mpc_api_prepare);
	KUNIT_EXPECT_NULL(test, mpc_api_fops.mmap);
	KUNIT_EXPECT_PTR_EQ(test, (void *)mpc_api_vm_ops.mapped,
			    (void *)mpc_api_mapped);

	if (IS_ENABLED(CONFIG_KALLSYMS)) {
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, mmap_action_prepare),
				   "mmap_action_prepare");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, mmap_action_complete),
				   "mmap_action_complete");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, compat_set_desc_from_vma),
				   "compat_set_desc_from_vma");
		KUNIT_EXPECT_STREQ(test, mpc_api_symname(test, __compat_vma_mmap),
				   "__compat_vma_mmap");
	}
}

#endif /* MMAP_PREPARE_COMPAT_EMULATED */

/* The enum values and VMA_*_BIT names exist and have their 7.3 values. */
static void mpc_api_constants(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, (int)MMAP_NOTHING, 0);
	KUNIT_EXPECT_EQ(test, (int)MMAP_REMAP_PFN, 1);
	KUNIT_EXPECT_EQ(test, (int)MMAP_IO_REMAP_PFN, 2);
	KUNIT_EXPECT_EQ(test, (int)MMAP_SIMPLE_IO_REMAP, 3);
	KUNIT_EXPECT_EQ(test, (int)MMAP_MAP_KERNEL_PAGES, 4);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_READ_BIT, 0);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_PFNMAP_BIT, 10);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_IO_BIT, 14);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_DONTEXPAND_BIT, 18);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_DONTDUMP_BIT, 26);
	KUNIT_EXPECT_EQ(test, (__force int)VMA_MIXEDMAP_BIT, 28);
	KUNIT_EXPECT_EQ(test, NUM_VMA_FLAG_BITS, BITS_PER_LONG);
}

static struct kunit_case mpc_api_cases[] = {
	KUNIT_CASE(mpc_api_native_probe),
	KUNIT_CASE(mpc_api_names),
	KUNIT_CASE(mpc_api_constants),
	{}
};

static struct kunit_suite mpc_api_suite = {
	.name = MPC_KUNIT_SUITE("mpc_api"),
	.test_cases = mpc_api_cases,
};

kunit_test_suite(mpc_api_suite);

MODULE_DESCRIPTION("KUnit tests of the mmap_prepare API names");
MODULE_LICENSE("GPL");
