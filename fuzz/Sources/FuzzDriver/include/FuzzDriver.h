#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer on `test_one_input`, with libFuzzer's own command line
/// (`-max_total_time=…`, corpus folders, …).
///
/// Why not libFuzzer's `main`: SwiftPM links a Linux executable with
/// `--defsym main=<Target>_main`, a symbol `-parse-as-library` never emits,
/// so each fuzz target defines `<Target>_main` (with `@_cdecl`) and calls
/// this, which calls libFuzzer's LLVMFuzzerRunDriver.
int rota_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));
