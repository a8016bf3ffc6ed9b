// The registry CSV reader on any bytes: it either refuses with issues or gives a registry.
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto registry = c5::parse_registry_csv(c5::fuzz::as_text(data, size), "fuzz.csv");
    if (!registry) c5::fuzz::require(!registry.error().empty(), "a refusal lists an issue");
    return 0;
}
