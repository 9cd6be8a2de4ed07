/*
 * check_main.h: the main() every Check suite in tests/ shares.  Include it
 * last, after the file's S_suite(); it runs the suite (forked, so a crash
 * fails one test, not the run) and makes failures the exit status.
 */
#ifndef BERPA_CHECK_MAIN_H
#define BERPA_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(S_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* BERPA_CHECK_MAIN_H */
