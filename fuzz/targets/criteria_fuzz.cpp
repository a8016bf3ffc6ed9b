// Criteria definitions (forms/criteria/*.json) from any bytes, then checked against the
// project's forms as syncd does when it starts.
#include "core/scoring/criteria.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto criteria = c5::parse_criteria(std::string(c5::fuzz::as_text(data, size)), "fuzz.json");
    if (!criteria) {
        c5::fuzz::require(!criteria.error().message.empty(), "a refusal says why");
        return 0;
    }
    (void)c5::check_criteria_against_forms(*criteria, c5::fuzz::project_forms());
    return 0;
}
