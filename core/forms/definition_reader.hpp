// Helpers for reading the JSON definitions in forms/ (forms and criteria) with errors that
// point at the JSON path of the offending value. Internal to core's loaders.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/forms/label.hpp"
#include "core/util/result.hpp"

namespace c5::definition {

// Thrown inside a loader only; the loader's public function turns it into an Error.
struct DefinitionError : std::runtime_error {
    std::string path;
    DefinitionError(std::string json_path, const std::string& what)
        : std::runtime_error(what), path(std::move(json_path)) {}
};

// Reads a whole file, or fails naming it.
[[nodiscard]] Result<std::string> read_text_file(const std::filesystem::path& file);

// Parses JSON text; on a syntax error the message names the line and column.
[[nodiscard]] Result<nlohmann::json> parse_json(const std::string& text,
                                                const std::string& source_name);

// Runs a loader body and converts a DefinitionError into "source: /path: message".
template <class T, class Body>
Result<T> load_with_paths(const std::string& source_name, Body body) {
    try {
        return body();
    } catch (const DefinitionError& e) {
        const std::string where = e.path.empty() ? "/" : e.path;
        return fail(ErrorKind::InvalidInput, source_name + ": " + where + ": " + e.what());
    }
}

std::string child(const std::string& path, const std::string& key);
std::string child(const std::string& path, std::size_t index);

const nlohmann::json& require_object(const nlohmann::json& j, const std::string& path);
const nlohmann::json& require_array(const nlohmann::json& j, const std::string& path);
const nlohmann::json& require_member(const nlohmann::json& obj, const std::string& key,
                                     const std::string& path);

std::string require_string(const nlohmann::json& obj, const std::string& key,
                           const std::string& path);
std::string optional_string(const nlohmann::json& obj, const std::string& key,
                            const std::string& path);
bool optional_bool(const nlohmann::json& obj, const std::string& key, const std::string& path,
                   bool fallback);
std::optional<std::int64_t> optional_int(const nlohmann::json& obj, const std::string& key,
                                         const std::string& path);
std::optional<double> optional_number(const nlohmann::json& obj, const std::string& key,
                                      const std::string& path);
std::vector<std::string> optional_string_list(const nlohmann::json& obj, const std::string& key,
                                              const std::string& path);

// {"vi": "...", "en": "..."}; "vi" is required and must not be empty.
Label require_label(const nlohmann::json& obj, const std::string& key, const std::string& path);
Label optional_label(const nlohmann::json& obj, const std::string& key, const std::string& path);

// Refuses members other than the allowed ones, so a misspelt key is not silently ignored.
void refuse_unknown_keys(const nlohmann::json& obj, const std::vector<std::string>& allowed,
                         const std::string& path);

}  // namespace c5::definition
