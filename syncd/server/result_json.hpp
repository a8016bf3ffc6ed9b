// A unit's Criterion 5 result as JSON: how syncd stores results and how `syncd results
// --format json` prints them. Every member of UnitResult is kept, so the CSV written from a
// stored result equals the one written from a fresh evaluation.
#pragma once

#include <nlohmann/json.hpp>

#include "core/scoring/unit_result.hpp"
#include "core/util/result.hpp"

namespace c5::syncd {

nlohmann::json unit_result_to_json(const UnitResult& result);

// Errors: Damaged naming the member when the JSON is not a stored result.
[[nodiscard]] Result<UnitResult> unit_result_from_json(const nlohmann::json& json);

}  // namespace c5::syncd
