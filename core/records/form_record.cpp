// Field look-up on a flattened record.
#include "core/records/form_record.hpp"

namespace c5 {

const Value& FormRecord::get(const std::string& field) const {
    static const Value kEmpty;
    auto it = values.find(field);
    return it == values.end() ? kEmpty : it->second;
}

}  // namespace c5
