// Form definitions (forms/*.json) from any bytes.
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto form = c5::parse_form(std::string(c5::fuzz::as_text(data, size)), "fuzz.json");
    if (!form) c5::fuzz::require(!form.error().message.empty(), "a refusal says why");
    return 0;
}
