// Line numbers of JSON values, taken of any bytes (well-formed or not).
#include "core/io/json_lines.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = c5::fuzz::as_text(data, size);
    const auto lines = c5::json_value_lines(text);
    for (const auto& [pointer, line] : lines) {
        c5::fuzz::require(line >= 1, "a value's line counts from 1");
    }
    const int last = c5::line_at_offset(text, size);
    c5::fuzz::require(last >= 1, "a line counts from 1");
    c5::fuzz::require(c5::line_at_offset(text, size / 2) <= last, "lines grow with the offset");
    return 0;
}
