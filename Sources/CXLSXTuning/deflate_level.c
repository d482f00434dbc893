// See include/xlsx_tuning.h: the deflate level of libxlsxwriter's zip parts.
#define _GNU_SOURCE
#include "xlsx_tuning.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <xlsxwriter/third_party/zip.h>

static _Atomic int level_set = -1;
static _Atomic long parts_opened = 0;

void groundwork_xlsx_set_deflate_level(int level) {
    atomic_store(&level_set, level < -1 ? -1 : (level > 9 ? 9 : level));
}

long groundwork_xlsx_parts_opened(void) { return atomic_load(&parts_opened); }

typedef int (*open_part)(zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                         const void *, uInt, const char *, int, int, int, int, int, int,
                         const char *, uLong, uLong, uLong, int);

// minizip's own definition: the next one in the dynamic linker's search order after this
// executable (libminizip.so.1, which libxlsxwriter links).
static open_part minizip_open(void) {
    static _Atomic(open_part) found = NULL;
    open_part open = atomic_load(&found);
    if (open == NULL) {
        open = (open_part)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        atomic_store(&found, open);
    }
    return open;
}

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local,
                            const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy, const char *password,
                            uLong crcForCrypting, uLong versionMadeBy, uLong flagBase,
                            int zip64) {
    open_part open = minizip_open();
    if (open == NULL) return ZIP_INTERNALERROR;
    int chosen = atomic_load(&level_set);
    if (chosen >= 0 && method == Z_DEFLATED) level = chosen;
    atomic_fetch_add(&parts_opened, 1);
    return open(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel,
                strategy, password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
