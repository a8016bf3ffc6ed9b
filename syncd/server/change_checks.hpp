// The value checks of a pushed batch (422): each change's value must fit its form field, and
// the fields a batch sets on one record must agree with each other, as a draft (unanswered
// questions allowed). Checks that depend on fields the batch does not carry are left to the
// merged record, so a device is never refused for what another device wrote meanwhile.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/merge/field_change.hpp"
#include "core/registry/registry.hpp"
#include "syncd/server/server_context.hpp"

namespace c5::syncd {

// The first problem with the batch's values, naming record and field (never the value), or
// nullopt when every change fits. `registry` (may be null) checks the unit codes.
std::optional<std::string> invalid_values(std::span<const FieldChange> changes,
                                          const Definitions& defs, const Registry* registry);

}  // namespace c5::syncd
