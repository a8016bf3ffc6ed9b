// Loading the catalog a session works with.
#include "surveyor/app/session.hpp"

#include <cstdlib>

#include "core/io/interchange.hpp"
#include "core/scoring/criteria.hpp"
#include "core/sync/device_identity.hpp"

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

namespace {

Result<void> add_registry(Catalog& catalog, const std::string& registry_csv) {
    if (!registry_csv.empty()) {
        auto registry = parse_registry_csv(registry_csv, "registry.csv");
        if (!registry) {
            return fail(ErrorKind::InvalidInput,
                        "load registry: " + registry.error().front().to_string());
        }
        catalog.registry = std::move(*registry);
    }
    return {};
}

// The forms the server sent, each parsed as if read from a file named after it.
Result<std::map<std::string, Form>> parse_server_forms(const nlohmann::json& sent) {
    std::map<std::string, Form> forms;
    for (const auto& [id, definition] : sent.items()) {
        auto form = parse_form(definition.dump(), "form '" + id + "' sent by the server");
        if (!form) return std::unexpected(form.error());
        forms.emplace(form->id, std::move(*form));
    }
    return forms;
}

}  // namespace

Result<Catalog> load_catalog(const std::filesystem::path& forms_dir,
                             const std::string& registry_csv) {
    Catalog catalog;
    auto forms = load_forms(forms_dir);
    if (!forms) return std::unexpected(forms.error().with_context("load forms"));
    catalog.forms = std::move(*forms);
    auto criteria = load_criteria(forms_dir / "criteria" / "criterion5-2024.json");
    if (!criteria) return std::unexpected(criteria.error().with_context("load criteria"));
    catalog.criteria = std::move(*criteria);
    if (auto ok = add_registry(catalog, registry_csv); !ok) return std::unexpected(ok.error());
    return catalog;
}

Result<Catalog> load_store_catalog(const Store& store, const std::filesystem::path& forms_dir,
                                   const std::string& registry_csv) {
    auto enrollment = sync::load_enrollment(store);
    if (!enrollment) return std::unexpected(enrollment.error().with_context("load forms"));
    const bool sent = *enrollment && (*enrollment)->forms.is_object() &&
                      !(*enrollment)->forms.empty();
    if (!sent) return load_catalog(forms_dir, registry_csv);

    Catalog catalog;
    auto forms = parse_server_forms((*enrollment)->forms);
    if (!forms) return std::unexpected(forms.error().with_context("load forms"));
    catalog.forms = std::move(*forms);
    const nlohmann::json& criteria_sent = (*enrollment)->criteria;
    auto criteria = criteria_sent.is_object() && !criteria_sent.empty()
                        ? parse_criteria(criteria_sent.dump(), "criteria sent by the server")
                        : load_criteria(forms_dir / "criteria" / "criterion5-2024.json");
    if (!criteria) return std::unexpected(criteria.error().with_context("load criteria"));
    catalog.criteria = std::move(*criteria);
    if (auto ok = add_registry(catalog, registry_csv); !ok) return std::unexpected(ok.error());
    return catalog;
}

}  // namespace c5::surveyor
