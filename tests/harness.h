/* harness.h — runs one CUnit suite per test program and turns any failed
 * assertion, test or suite set-up into a non-zero exit status for ctest. */
#ifndef COCREATE_TEST_HARNESS_H
#define COCREATE_TEST_HARNESS_H

#include <CUnit/Basic.h>
#include <stddef.h>

typedef struct {
    const char *name;
    CU_TestFunc run;
} test_case;

static inline int run_suite(const char *suite_name, const test_case *tests, size_t count)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite(suite_name, NULL, NULL);
    for (size_t i = 0; suite && i < count; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].run))
            suite = NULL;
    if (!suite) {
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    /* Read the counts before cleanup resets them. */
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed() +
                      CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

#define RUN_SUITE(name, tests) run_suite(name, tests, sizeof tests / sizeof *tests)

#endif
