#ifndef GROUNDWORK_XLSX_TUNING_H
#define GROUNDWORK_XLSX_TUNING_H

// Two things libxlsxwriter's speed depends on that it does not let a caller set, each set here
// by defining a function of a library it uses in Groundwork's own executable, which the
// dynamic linker binds the library's calls to first (docs/DECISIONS.md, "Output speed").

/// The zlib level at which libxlsxwriter deflates the parts of the workbooks it writes.
///
/// libxlsxwriter 1.1.4 (Debian's) asks minizip for zlib's default level, 6, on every part and
/// has no option to change it. Groundwork defines minizip's `zipOpenNewFileInZip4_64` in its
/// own executable, which the dynamic linker binds libxlsxwriter's calls to; that definition
/// calls minizip's own with this level instead of the one asked for. The bytes inside the zip
/// are the same at any level; only the container's size and the time to deflate it change.

/// Sets the level (0, no compression, to 9, the smallest; -1 leaves libxlsxwriter's choice).
void groundwork_xlsx_set_deflate_level(int level);

/// How many parts have been opened through Groundwork's definition since the process started:
/// 0 after a workbook is written means the dynamic linker bound libxlsxwriter to minizip
/// directly, and the level was not applied.
long groundwork_xlsx_parts_opened(void);

/// glibc's printf hooks, declined.
///
/// libquadmath (which OpenBLAS's Fortran runtime, libgfortran, loads) registers printf handlers
/// for `%f %e %g %a` and their capitals when it is loaded, for its `%Qf` of 128-bit floats.
/// Once any handler is registered glibc formats every `printf` of the process on its slow,
/// positional path, even `%d`, and libxlsxwriter formats each cell's XML with two `printf`s.
/// Groundwork defines glibc's `register_printf_type` to refuse (return -1), after which
/// libquadmath registers nothing; nothing in Groundwork formats `__float128` with printf.

/// How many registrations were refused since the process started (1 once libquadmath loaded).
long groundwork_printf_types_refused(void);

#endif
