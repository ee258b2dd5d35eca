/* libFuzzer target: see tests/fuzz/harness.h (fuzz_pdf). */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_pdf(data, size);
}
