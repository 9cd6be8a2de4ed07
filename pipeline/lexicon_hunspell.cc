/*
 * lexicon_hunspell.cc: the one place where libberpa calls C++ that may
 * throw.  Hunspell_create is `new Hunspell(...)`: out of memory it throws
 * std::bad_alloc, and a C++ exception that unwinds into C frames ends in
 * std::terminate (exit status 134).  Here it is caught and turned into a
 * return value that lexicon.c maps to BERPA_E_NOMEM (exit 4).
 */
#include <hunspell/hunspell.h>

#include <new>

extern "C" Hunhandle *bp_hunspell_create(const char *aff, const char *dic, bool *oom);

/* Takes the .aff and .dic paths; returns the handle (the caller frees it
 * with Hunspell_destroy), or NULL with *oom true when memory ran out, false
 * for any other failure.  What a throwing constructor had allocated is
 * lost: the caller gives up on the session. */
Hunhandle *bp_hunspell_create(const char *aff, const char *dic, bool *oom)
{
    *oom = false;
    try {
        return Hunspell_create(aff, dic);
    } catch (const std::bad_alloc &) {
        *oom = true;
    } catch (...) {
    }
    return nullptr;
}
