// JSON path-aware readers shared by the form and criteria loaders.
#include "core/forms/definition_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/util/json_depth.hpp"

namespace c5::definition {

using nlohmann::json;

Result<std::string> read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(ErrorKind::NotFound, file.string() + ": cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(ErrorKind::Io, file.string() + ": read error");
    return text.str();
}

static std::pair<int, int> line_and_column(const std::string& text, std::size_t offset) {
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

Result<json> parse_json(const std::string& text, const std::string& source_name) {
    if (!json_nesting_within(text))
        return fail(ErrorKind::InvalidInput, source_name + ": JSON nested deeper than " +
                                                 std::to_string(kMaxJsonDepth) + " levels");
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset one past the offending character.
        auto [line, column] = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
        return fail(ErrorKind::InvalidInput, source_name + ":" + std::to_string(line) + ":" +
                                                 std::to_string(column) + ": malformed JSON");
    }
}

std::string child(const std::string& path, const std::string& key) {
    return path + "/" + key;
}

std::string child(const std::string& path, std::size_t index) {
    return path + "/" + std::to_string(index);
}

static const char* type_name(const json& j) {
    return j.type_name();
}

const json& require_object(const json& j, const std::string& path) {
    if (!j.is_object())
        throw DefinitionError(path, std::string("expected an object, found ") + type_name(j));
    return j;
}

const json& require_array(const json& j, const std::string& path) {
    if (!j.is_array())
        throw DefinitionError(path, std::string("expected an array, found ") + type_name(j));
    return j;
}

const json& require_member(const json& obj, const std::string& key, const std::string& path) {
    require_object(obj, path);
    auto it = obj.find(key);
    if (it == obj.end()) throw DefinitionError(path, "missing \"" + key + "\"");
    return *it;
}

std::string require_string(const json& obj, const std::string& key, const std::string& path) {
    const json& v = require_member(obj, key, path);
    if (!v.is_string())
        throw DefinitionError(child(path, key),
                              std::string("expected a string, found ") + type_name(v));
    std::string s = v.get<std::string>();
    if (s.empty()) throw DefinitionError(child(path, key), "must not be empty");
    return s;
}

std::string optional_string(const json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return "";
    if (!it->is_string())
        throw DefinitionError(child(path, key),
                              std::string("expected a string, found ") + type_name(*it));
    return it->get<std::string>();
}

bool optional_bool(const json& obj, const std::string& key, const std::string& path,
                   bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_boolean())
        throw DefinitionError(child(path, key),
                              std::string("expected true or false, found ") + type_name(*it));
    return it->get<bool>();
}

std::optional<std::int64_t> optional_int(const json& obj, const std::string& key,
                                         const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_number_integer())
        throw DefinitionError(child(path, key),
                              std::string("expected a whole number, found ") + type_name(*it));
    return it->get<std::int64_t>();
}

std::optional<double> optional_number(const json& obj, const std::string& key,
                                      const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::nullopt;
    if (!it->is_number())
        throw DefinitionError(child(path, key),
                              std::string("expected a number, found ") + type_name(*it));
    return it->get<double>();
}

std::vector<std::string> optional_string_list(const json& obj, const std::string& key,
                                              const std::string& path) {
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    const std::string list_path = child(path, key);
    require_array(*it, list_path);
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_string() || v.get<std::string>().empty())
            throw DefinitionError(child(list_path, i), "expected a non-empty string");
        out.push_back(v.get<std::string>());
    }
    return out;
}

static Label read_label(const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"vi", "en"}, path);
    Label label;
    label.vi = require_string(j, "vi", path);
    label.en = optional_string(j, "en", path);
    return label;
}

Label require_label(const json& obj, const std::string& key, const std::string& path) {
    return read_label(require_member(obj, key, path), child(path, key));
}

Label optional_label(const json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    return read_label(*it, child(path, key));
}

void refuse_unknown_keys(const json& obj, const std::vector<std::string>& allowed,
                         const std::string& path) {
    for (const auto& [key, value] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            throw DefinitionError(child(path, key), "unknown key \"" + key + "\"");
    }
}

}  // namespace c5::definition
