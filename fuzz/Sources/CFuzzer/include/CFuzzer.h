#ifndef SLACHECK_CFUZZER_H
#define SLACHECK_CFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt): parses libFuzzer's flags from argc/argv and runs `callback`.
/// Declared here because SwiftPM renames an executable's `main`, so libFuzzer's own `main` is
/// never linked; each fuzz target's entry point calls this (through FuzzSupport) instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// The fuzz target, defined by each executable with `@_cdecl("LLVMFuzzerTestOneInput")`.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
