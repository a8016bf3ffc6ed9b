// The checklist JSON reader with the project's forms and the sample registry; checklists it
// accepts are written back and must be accepted again, as many.
#include <sstream>

#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& forms = c5::fuzz::project_forms();
    const c5::Registry& registry = c5::fuzz::sample_registry();

    auto checklists =
        c5::parse_checklists_json(c5::fuzz::as_text(data, size), "fuzz.json", forms, &registry);
    if (!checklists) {
        c5::fuzz::require(!checklists.error().empty(), "a refusal lists an issue");
        return 0;
    }

    std::ostringstream out;
    c5::write_checklists_json(out, *checklists);
    auto again = c5::parse_checklists_json(out.str(), "again.json", forms, &registry);
    c5::fuzz::require(again.has_value(), "written checklists read back");
    c5::fuzz::require(again->size() == checklists->size(), "as many checklists read back");
    return 0;
}
