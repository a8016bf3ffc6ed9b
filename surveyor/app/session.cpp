// Loading the catalog a session works with.
#include "surveyor/app/session.hpp"

#include <cstdlib>

#include "core/io/interchange.hpp"
#include "core/scoring/criteria.hpp"

namespace c5::surveyor {

const Form* Catalog::form(const std::string& id) const {
    auto it = forms.find(id);
    return it == forms.end() ? nullptr : &it->second;
}

std::filesystem::path default_forms_dir() {
    if (const char* dir = std::getenv("C5_FORMS_DIR"); dir && *dir) return dir;
    return std::filesystem::path(C5_SOURCE_DIR) / "forms";
}

std::filesystem::path default_registry_file() {
    if (const char* file = std::getenv("C5_REGISTRY"); file && *file) return file;
    const auto sample = std::filesystem::path(C5_SOURCE_DIR) / "samples" / "registry-hanoi.csv";
    return std::filesystem::exists(sample) ? sample : std::filesystem::path();
}

Result<Catalog> load_catalog(const std::filesystem::path& forms_dir,
                             const std::string& registry_csv) {
    Catalog catalog;
    auto forms = load_forms(forms_dir);
    if (!forms) return std::unexpected(forms.error().with_context("load forms"));
    catalog.forms = std::move(*forms);
    auto criteria = load_criteria(forms_dir / "criteria" / "criterion5-2024.json");
    if (!criteria) return std::unexpected(criteria.error().with_context("load criteria"));
    catalog.criteria = std::move(*criteria);
    if (!registry_csv.empty()) {
        auto registry = parse_registry_csv(registry_csv, "registry.csv");
        if (!registry) {
            return fail(ErrorKind::InvalidInput,
                        "load registry: " + registry.error().front().to_string());
        }
        catalog.registry = std::move(*registry);
    }
    return catalog;
}

}  // namespace c5::surveyor
