#include <cblas.h>

// OpenBLAS (pthreads build) exports this but no header declares it: it stops the library's
// worker threads, which otherwise spin in sched_yield for a while after start-up; OpenBLAS
// starts them again by itself if a later call is given more than one thread.
int blas_thread_shutdown_(void);
