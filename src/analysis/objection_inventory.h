// The built-in objection phrase inventory (docs/objections.md). Internal to
// src/analysis: the detector (objections.h) compiles it once per detector.
#pragma once

#include <span>
#include <string_view>

namespace sc::analysis {

struct InventoryEntry {
  std::string_view category;  // One of ObjectionDetector::Categories().
  // The confidence of an exact match before the negation and contrast
  // rules: 0.95 for unambiguous phrases, down to 0.6 for phrases that are
  // objections only most of the time.
  double weight;
  std::string_view pattern;  // objection_pattern.h syntax.
  // A plain phrase a keyword spotter could listen for, or empty when the
  // pattern has no short, distinctive core worth spotting.
  std::string_view spot;
};

// Every built-in entry, in category order (docs/objections.md).
std::span<const InventoryEntry> BuiltinObjectionInventory();

// The first five categories' entries (objection_inventory_commercial.cc).
std::span<const InventoryEntry> CommercialObjectionInventory();

}  // namespace sc::analysis
