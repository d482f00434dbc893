// See include/xlsx_tuning.h: glibc's printf hooks, declined.
#include "xlsx_tuning.h"

#include <printf.h>
#include <stdatomic.h>

static _Atomic long refused = 0;

long groundwork_printf_types_refused(void) { return atomic_load(&refused); }

// glibc's own returns a new type number, or -1 when it cannot; libquadmath gives up its
// handlers when it gets -1.
int register_printf_type(printf_va_arg_function *function) {
    (void)function;
    atomic_fetch_add(&refused, 1);
    return -1;
}
