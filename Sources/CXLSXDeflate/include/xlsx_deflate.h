#ifndef GROUNDWORK_XLSX_DEFLATE_H
#define GROUNDWORK_XLSX_DEFLATE_H

/// The zlib level at which libxlsxwriter deflates the parts of the workbooks it writes.
///
/// libxlsxwriter 1.1.4 (Debian's) asks minizip for zlib's default level, 6, on every part and
/// has no option to change it. Groundwork defines minizip's `zipOpenNewFileInZip4_64` in its
/// own executable, which the dynamic linker binds libxlsxwriter's calls to; that definition
/// calls minizip's own with this level instead of the one asked for. The bytes inside the zip
/// are the same at any level; only the container's size and the time to deflate it change.

/// Sets the level (0, no compression, to 9, the smallest; -1 leaves libxlsxwriter's choice).
void groundwork_xlsx_set_deflate_level(int level);

/// The level set, -1 when none is.
int groundwork_xlsx_deflate_level(void);

/// How many parts have been opened through Groundwork's definition since the process started:
/// 0 after a workbook is written means the dynamic linker bound libxlsxwriter to minizip
/// directly, and the level was not applied.
long groundwork_xlsx_parts_opened(void);

#endif
