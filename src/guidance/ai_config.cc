#include "guidance/ai_config.h"

#include <array>
#include <utility>

namespace sc::guidance {
namespace {

// One table per enum keeps the name and its inverse from drifting apart.
constexpr std::array<std::pair<SalesStyle, const char*>, 3> kSalesStyles{{
    {SalesStyle::kConsultative, "consultative"},
    {SalesStyle::kTransactional, "transactional"},
    {SalesStyle::kRelationship, "relationship"},
}};
constexpr std::array<std::pair<ObjectionHandling, const char*>, 3>
    kObjectionHandlings{{
        {ObjectionHandling::kSoftClose, "soft_close"},
        {ObjectionHandling::kHardClose, "hard_close"},
        {ObjectionHandling::kCollaborative, "collaborative"},
    }};
constexpr std::array<std::pair<CommunicationStyle, const char*>, 3>
    kCommunicationStyles{{
        {CommunicationStyle::kProfessional, "professional"},
        {CommunicationStyle::kCasual, "casual"},
        {CommunicationStyle::kTechnical, "technical"},
    }};
constexpr std::array<std::pair<ResponseStyle, const char*>, 3> kResponseStyles{{
    {ResponseStyle::kConcise, "concise"},
    {ResponseStyle::kDetailed, "detailed"},
    {ResponseStyle::kCasual, "casual"},
}};

template <typename E, size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& table,
                   E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return table[0].second;  // Unreachable for valid enum values.
}

template <typename E, size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, const char*>, N>& table,
                         std::string_view name) {
  for (const auto& [e, n] : table) {
    if (name == n) return e;
  }
  return std::nullopt;
}

}  // namespace

const char* SalesStyleName(SalesStyle s) { return NameOf(kSalesStyles, s); }
const char* ObjectionHandlingName(ObjectionHandling h) {
  return NameOf(kObjectionHandlings, h);
}
const char* CommunicationStyleName(CommunicationStyle s) {
  return NameOf(kCommunicationStyles, s);
}
const char* ResponseStyleName(ResponseStyle s) {
  return NameOf(kResponseStyles, s);
}

std::optional<SalesStyle> ParseSalesStyle(std::string_view name) {
  return ValueOf(kSalesStyles, name);
}
std::optional<ObjectionHandling> ParseObjectionHandling(std::string_view name) {
  return ValueOf(kObjectionHandlings, name);
}
std::optional<CommunicationStyle> ParseCommunicationStyle(
    std::string_view name) {
  return ValueOf(kCommunicationStyles, name);
}
std::optional<ResponseStyle> ParseResponseStyle(std::string_view name) {
  return ValueOf(kResponseStyles, name);
}

}  // namespace sc::guidance
