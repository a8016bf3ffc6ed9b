// What exists while the store is unlocked: the store itself, this laptop's profile, and the
// definitions it works with (forms, criteria, registry). Lives on the worker thread; the
// screens get a shared copy of the read-only catalog.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/forms/form.hpp"
#include "core/registry/registry.hpp"
#include "core/scoring/criteria.hpp"
#include "core/store/store.hpp"
#include "surveyor/app/profile.hpp"

namespace c5::surveyor {

// Read-only definitions, shared between the worker and the screens.
struct Catalog {
    std::map<std::string, Form> forms;
    CriteriaDef criteria;
    Registry registry;

    const Form* form(const std::string& id) const;
};

// Where the app finds its definitions: $C5_FORMS_DIR, else forms/ of the source tree.
std::filesystem::path default_forms_dir();
// The registry offered at first run: $C5_REGISTRY, else the Hà Nội sample when present.
std::filesystem::path default_registry_file();

// Loads forms and criteria from `forms_dir` and the registry from CSV text ("" for none).
// Errors name the file that is wrong.
[[nodiscard]] Result<Catalog> load_catalog(const std::filesystem::path& forms_dir,
                                           const std::string& registry_csv);

// The catalog of an unlocked store: the forms and criteria the server sent at enrolment when
// it sent them (so every laptop of the province fills in the same version), else those of
// `forms_dir`; the registry from CSV text. Errors name the definition that is wrong.
[[nodiscard]] Result<Catalog> load_store_catalog(const Store& store,
                                                 const std::filesystem::path& forms_dir,
                                                 const std::string& registry_csv);

struct Session {
    Store store;
    Profile profile;
    std::shared_ptr<const Catalog> catalog;
    std::filesystem::path path;
    std::filesystem::path forms_dir;
};

}  // namespace c5::surveyor
