// The household CSV reader with the project's household form and the sample registry;
// households it accepts are written back and must be accepted again, as many.
#include <sstream>

#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const c5::Form& form = c5::fuzz::project_forms().at("household");
    const c5::Registry& registry = c5::fuzz::sample_registry();
    const auto text = c5::fuzz::as_text(data, size);

    auto without_registry = c5::parse_household_csv(text, "fuzz.csv", form, nullptr);
    auto households = c5::parse_household_csv(text, "fuzz.csv", form, &registry);
    if (!households) {
        c5::fuzz::require(!households.error().empty(), "a refusal lists an issue");
        return 0;
    }
    c5::fuzz::require(without_registry.has_value(), "what passes with a registry passes without");

    std::ostringstream out;
    c5::write_household_csv(out, *households, form);
    auto again = c5::parse_household_csv(out.str(), "again.csv", form, &registry);
    c5::fuzz::require(again.has_value(), "written households read back");
    c5::fuzz::require(again->size() == households->size(), "as many households read back");
    return 0;
}
