// What the fuzz targets share: the project's own forms, criteria and sample registry, loaded
// once per process from the source tree, and a check that stops the run on a broken property.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "core/forms/form.hpp"
#include "core/io/interchange.hpp"
#include "core/registry/registry.hpp"

namespace c5::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Aborts (so libFuzzer saves the input) when a property the parser promises does not hold.
inline void require(bool holds, const char* property) {
    if (holds) return;
    std::fprintf(stderr, "fuzz property broken: %s\n", property);
    std::abort();
}

// The definitions in forms/, by form id; read once, the fuzz input never changes them.
inline const std::map<std::string, Form>& project_forms() {
    static const std::map<std::string, Form> forms = [] {
        auto loaded = load_forms(std::string(C5_SOURCE_DIR) + "/forms");
        require(loaded.has_value(), "the project's forms load");
        return *loaded;
    }();
    return forms;
}

// samples/registry-hanoi.csv, so unit codes in the seeds resolve.
inline const Registry& sample_registry() {
    static const Registry registry = [] {
        auto loaded = read_registry_csv(std::string(C5_SOURCE_DIR) + "/samples/registry-hanoi.csv");
        require(loaded.has_value(), "the sample registry loads");
        return *loaded;
    }();
    return registry;
}

}  // namespace c5::fuzz
