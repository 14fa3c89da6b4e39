// The playbook JSON format (docs/guidance.md, "Playbook JSON").
#include <boost/json.hpp>
#include <cmath>

#include "guidance/json_reader.h"
#include "guidance/playbook.h"

namespace sc::guidance {
namespace {

namespace json = boost::json;
using internal::AsObject;
using internal::ObjectReader;
using internal::Presence;

// A styled text is either a plain string (the professional wording) or an
// object with "professional", "casual" and "technical".
Status ReadStyled(const json::value& v, const std::string& path,
                  StyledText* out) {
  if (v.is_string()) {
    *out = StyledText{std::string(v.get_string()), "", ""};
    return Status::Ok();
  }
  if (!v.is_object()) {
    return InvalidArgument(path +
                           ": expected a string or an object with "
                           "professional, casual, technical");
  }
  ObjectReader r(v.get_object(), path);
  StyledText t;
  SC_RETURN_IF_ERROR(r.String("professional", &t.professional));
  SC_RETURN_IF_ERROR(r.String("casual", &t.casual));
  SC_RETURN_IF_ERROR(r.String("technical", &t.technical));
  SC_RETURN_IF_ERROR(r.Finish());
  *out = std::move(t);
  return Status::Ok();
}

// Reads the keys of a small object of styled texts into the given slots.
Status ReadStyledSet(
    ObjectReader& parent, std::string_view key,
    std::initializer_list<std::pair<const char*, StyledText*>> slots) {
  SC_ASSIGN_OR_RETURN(const json::value* v,
                      parent.Value(key, Presence::kOptional));
  if (v == nullptr) return Status::Ok();
  std::string path = parent.PathOf(key);
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(*v, path));
  ObjectReader r(*o, path);
  for (const auto& [name, slot] : slots) {
    SC_ASSIGN_OR_RETURN(const json::value* s,
                        r.Value(name, Presence::kOptional));
    if (s != nullptr) SC_RETURN_IF_ERROR(ReadStyled(*s, r.PathOf(name), slot));
  }
  return r.Finish();
}

StatusOr<Approach> ReadApproach(const json::value& v, const std::string& path) {
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(v, path));
  ObjectReader r(*o, path);
  Approach a;
  SC_RETURN_IF_ERROR(r.String("id", &a.id, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("name", &a.name, Presence::kRequired));
  std::vector<std::string> fits;
  SC_RETURN_IF_ERROR(r.StringList("fits", &fits));
  for (size_t i = 0; i < fits.size(); ++i) {
    std::optional<SalesStyle> s = ParseSalesStyle(fits[i]);
    if (!s) {
      return InvalidArgument(r.PathOf("fits") + "[" + std::to_string(i) +
                             "]: expected one of consultative, transactional, "
                             "relationship (got \"" +
                             fits[i] + "\")");
    }
    a.fits.push_back(*s);
  }
  SC_RETURN_IF_ERROR(r.String("line", &a.line, Presence::kRequired));
  SC_ASSIGN_OR_RETURN(const json::value* say,
                      r.Value("say", Presence::kRequired));
  SC_RETURN_IF_ERROR(ReadStyled(*say, r.PathOf("say"), &a.say));
  SC_RETURN_IF_ERROR(r.String("ask", &a.ask));
  SC_RETURN_IF_ERROR(r.Finish());
  return a;
}

StatusOr<CategoryPlaybook> ReadCategory(const json::value& v,
                                        const std::string& path) {
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(v, path));
  ObjectReader r(*o, path);
  CategoryPlaybook c;
  SC_RETURN_IF_ERROR(r.String("title", &c.title, Presence::kRequired));
  SC_ASSIGN_OR_RETURN(const json::value* list,
                      r.Value("approaches", Presence::kRequired));
  if (!list->is_array()) {
    return InvalidArgument(r.PathOf("approaches") +
                           ": expected an array of approaches");
  }
  const json::array& a = list->get_array();
  for (size_t i = 0; i < a.size(); ++i) {
    SC_ASSIGN_OR_RETURN(Approach approach,
                        ReadApproach(a[i], r.PathOf("approaches") + "[" +
                                               std::to_string(i) + "]"));
    c.approaches.push_back(std::move(approach));
  }
  SC_RETURN_IF_ERROR(r.Finish());
  return c;
}

StatusOr<ChecklistItem> ReadChecklistItem(const json::value& v,
                                          const std::string& path) {
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(v, path));
  ObjectReader r(*o, path);
  ChecklistItem it;
  SC_RETURN_IF_ERROR(r.String("id", &it.id, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("title", &it.title, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.String("text", &it.text, Presence::kRequired));
  double due_s = 0;
  SC_RETURN_IF_ERROR(r.Number("due_s", &due_s, Presence::kRequired));
  if (!(due_s > 0 && due_s < 24 * 3600)) {
    return InvalidArgument(r.PathOf("due_s") +
                           ": must be between 0 and 86400 seconds");
  }
  it.due_ms = std::llround(due_s * 1000);
  SC_RETURN_IF_ERROR(r.StringList("phrases", &it.phrases, Presence::kRequired));
  SC_RETURN_IF_ERROR(r.Finish());
  return it;
}

json::value StyledJson(const StyledText& t) {
  if (t.casual.empty() && t.technical.empty())
    return json::string(t.professional);
  json::object o{{"professional", t.professional}};
  if (!t.casual.empty()) o["casual"] = t.casual;
  if (!t.technical.empty()) o["technical"] = t.technical;
  return o;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

StatusOr<Playbook> ParsePlaybookJson(std::string_view text) {
  SC_ASSIGN_OR_RETURN(json::value doc,
                      internal::ParseJsonText(text, "playbook"));
  SC_ASSIGN_OR_RETURN(const json::object* o, AsObject(doc, "playbook"));
  ObjectReader r(*o, "playbook");
  bool replace = false;
  SC_RETURN_IF_ERROR(r.Bool("replace_defaults", &replace));
  Playbook p = replace ? Playbook() : DefaultPlaybook();
  if (replace) p.name.clear();
  SC_RETURN_IF_ERROR(r.String(
      "name", &p.name, replace ? Presence::kRequired : Presence::kOptional));
  SC_RETURN_IF_ERROR(ReadStyledSet(r, "openers",
                                   {{"consultative", &p.opener_consultative},
                                    {"transactional", &p.opener_transactional},
                                    {"relationship", &p.opener_relationship}}));
  SC_RETURN_IF_ERROR(
      ReadStyledSet(r, "closers",
                    {{"soft_close", &p.closer_soft_close},
                     {"hard_close", &p.closer_hard_close},
                     {"collaborative", &p.closer_collaborative}}));
  SC_ASSIGN_OR_RETURN(const json::value* cats,
                      r.Value("categories", Presence::kOptional));
  if (cats != nullptr) {
    SC_ASSIGN_OR_RETURN(const json::object* co,
                        AsObject(*cats, r.PathOf("categories")));
    for (const auto& kv : *co) {
      std::string name(kv.key());
      SC_ASSIGN_OR_RETURN(
          CategoryPlaybook c,
          ReadCategory(kv.value(), r.PathOf("categories") + "." + name));
      p.categories[name] = std::move(c);
    }
  }
  SC_ASSIGN_OR_RETURN(const json::value* list,
                      r.Value("checklist", Presence::kOptional));
  if (list != nullptr) {
    if (!list->is_array()) {
      return InvalidArgument(r.PathOf("checklist") +
                             ": expected an array of checklist items");
    }
    p.checklist.clear();
    const json::array& a = list->get_array();
    for (size_t i = 0; i < a.size(); ++i) {
      SC_ASSIGN_OR_RETURN(ChecklistItem it,
                          ReadChecklistItem(a[i], r.PathOf("checklist") + "[" +
                                                      std::to_string(i) + "]"));
      p.checklist.push_back(std::move(it));
    }
  }
  SC_RETURN_IF_ERROR(r.Finish());
  SC_RETURN_IF_ERROR(ValidatePlaybook(p));
  return p;
}

std::string PlaybookJson(const Playbook& p) {
  json::object categories;
  for (const auto& [name, c] : p.categories) {
    json::array approaches;
    for (const Approach& a : c.approaches) {
      json::array fits;
      for (SalesStyle s : a.fits) fits.emplace_back(SalesStyleName(s));
      json::object ao{{"id", a.id},
                      {"name", a.name},
                      {"fits", std::move(fits)},
                      {"line", a.line},
                      {"say", StyledJson(a.say)}};
      if (!a.ask.empty()) ao["ask"] = a.ask;
      approaches.push_back(std::move(ao));
    }
    categories[name] =
        json::object{{"title", c.title}, {"approaches", std::move(approaches)}};
  }
  json::array checklist;
  for (const ChecklistItem& it : p.checklist) {
    checklist.push_back(json::object{{"id", it.id},
                                     {"title", it.title},
                                     {"text", it.text},
                                     {"due_s", it.due_ms / 1000.0},
                                     {"phrases", Strings(it.phrases)}});
  }
  json::object doc{{"name", p.name},
                   {"replace_defaults", true},
                   {"openers",
                    {{"consultative", StyledJson(p.opener_consultative)},
                     {"transactional", StyledJson(p.opener_transactional)},
                     {"relationship", StyledJson(p.opener_relationship)}}},
                   {"closers",
                    {{"soft_close", StyledJson(p.closer_soft_close)},
                     {"hard_close", StyledJson(p.closer_hard_close)},
                     {"collaborative", StyledJson(p.closer_collaborative)}}},
                   {"categories", std::move(categories)},
                   {"checklist", std::move(checklist)}};
  return json::serialize(doc);
}

}  // namespace sc::guidance
