// CLibFuzzer: the one libFuzzer entry the fuzz targets call. SwiftPM links an executable with its `main` renamed
// to `<Target>_main`, so each target defines that symbol and hands control to libFuzzer's driver (compiler-rt
// FuzzerInterface.h; in libclang_rt.fuzzer, linked by `-sanitize=fuzzer`).
#ifndef RADFLEET_CLIBFUZZER_H
#define RADFLEET_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
