#include "guidance/playbook.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sc::guidance {
namespace {

const char* kTaxonomy[] = {"price",    "budget",    "competitor", "status_quo",
                           "contract", "timing",    "authority",  "need",
                           "trust",    "technical", "brush_off",  "custom"};

std::string PrimaryId(const CategoryPlaybook& c, SalesStyle s) {
  return c.approaches[ApproachOrder(c, s).front()].id;
}

TEST(DefaultPlaybook, IsValidAndCoversTheTaxonomyWithAlternatives) {
  const Playbook& p = DefaultPlaybook();
  Status s = ValidatePlaybook(p);
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (const char* category : kTaxonomy) {
    auto it = p.categories.find(category);
    ASSERT_NE(it, p.categories.end()) << category;
    EXPECT_GE(it->second.approaches.size(), 2u) << category;
  }
  EXPECT_GE(p.checklist.size(), 3u);
}

TEST(DefaultPlaybook, LeadsWithTheBriefsDefaultsInEverySalesStyle) {
  const Playbook& p = DefaultPlaybook();
  for (SalesStyle s : {SalesStyle::kConsultative, SalesStyle::kTransactional,
                       SalesStyle::kRelationship}) {
    EXPECT_EQ(PrimaryId(p.CategoryFor("price"), s), "roi");
    EXPECT_EQ(PrimaryId(p.CategoryFor("status_quo"), s),
              "competitive_positioning");
    EXPECT_EQ(PrimaryId(p.CategoryFor("timing"), s), "urgency");
  }
}

TEST(ApproachOrder, FittingApproachesFirstThenTheRest) {
  const CategoryPlaybook& price = DefaultPlaybook().CategoryFor("price");
  auto ids = [&](SalesStyle s) {
    std::vector<std::string> out;
    for (size_t i : ApproachOrder(price, s)) {
      out.push_back(price.approaches[i].id);
    }
    return out;
  };
  EXPECT_EQ(ids(SalesStyle::kTransactional),
            (std::vector<std::string>{"roi", "options", "cost_of_inaction"}));
  EXPECT_EQ(ids(SalesStyle::kConsultative),
            (std::vector<std::string>{"roi", "cost_of_inaction", "options"}));
}

TEST(Render, EveryCombinationIsNonEmptyWithPlaceholdersFilled) {
  const Playbook& p = DefaultPlaybook();
  AiConfig with_industry;
  with_industry.industry = "logistics";
  with_industry.industry_terms = {"route planning"};
  with_industry.company_name = "ClearRoute";
  for (const AiConfig& base : {AiConfig(), with_industry}) {
    for (ResponseStyle r : {ResponseStyle::kConcise, ResponseStyle::kDetailed,
                            ResponseStyle::kCasual}) {
      for (CommunicationStyle c :
           {CommunicationStyle::kProfessional, CommunicationStyle::kCasual,
            CommunicationStyle::kTechnical}) {
        for (SalesStyle s :
             {SalesStyle::kConsultative, SalesStyle::kTransactional,
              SalesStyle::kRelationship}) {
          for (ObjectionHandling h :
               {ObjectionHandling::kSoftClose, ObjectionHandling::kHardClose,
                ObjectionHandling::kCollaborative}) {
            AiConfig config = base;
            config.response_style = r;
            config.communication_style = c;
            config.sales_style = s;
            config.objection_handling = h;
            for (const auto& [name, cat] : p.categories) {
              for (const Approach& a : cat.approaches) {
                std::string text = RenderApproach(p, a, name, config);
                EXPECT_FALSE(text.empty()) << name << "/" << a.id;
                EXPECT_EQ(text.find_first_of("{}|"), std::string::npos) << text;
                if (r == ResponseStyle::kConcise) {
                  EXPECT_EQ(text.find('\n'), std::string::npos);
                  EXPECT_LE(text.size(), 200u) << text;
                }
              }
            }
          }
        }
      }
    }
  }
}

TEST(Render, ResponseStylesShapeTheText) {
  const Playbook& p = DefaultPlaybook();
  const Approach& roi = p.CategoryFor("price").approaches[0];
  AiConfig c;
  c.industry = "logistics";
  std::string concise = RenderApproach(p, roi, "price", c);
  EXPECT_EQ(concise, RenderLine(roi, "price", c));
  EXPECT_NE(concise.find("ROI"), std::string::npos);

  c.response_style = ResponseStyle::kDetailed;
  c.objection_handling = ObjectionHandling::kHardClose;
  std::string detailed = RenderApproach(p, roi, "price", c);
  EXPECT_EQ(detailed.rfind(p.opener_consultative.professional, 0), 0u)
      << detailed;
  EXPECT_NE(detailed.find("Ask: \"" + roi.ask + "\""), std::string::npos);
  EXPECT_NE(detailed.find(p.closer_hard_close.professional), std::string::npos);
  EXPECT_NE(detailed.find("customers in logistics"), std::string::npos);
  EXPECT_GT(detailed.size(), concise.size());

  c.communication_style = CommunicationStyle::kTechnical;
  std::string technical = RenderApproach(p, roi, "price", c);
  EXPECT_NE(technical.find("payback"), std::string::npos) << technical;
  EXPECT_NE(technical.find(p.closer_hard_close.technical), std::string::npos);

  c.response_style = ResponseStyle::kCasual;
  std::string casual = RenderApproach(p, roi, "price", c);
  EXPECT_EQ(casual.rfind(roi.say.casual, 0), 0u) << casual;
}

TEST(Render, PlaceholdersUseFallbacksAndUserCategories) {
  AiConfig c;
  EXPECT_EQ(FillPlaceholders("for {industry|teams like yours}", "price", c),
            "for teams like yours");
  c.industry = "dental clinics";
  EXPECT_EQ(FillPlaceholders("for {industry|teams like yours}", "price", c),
            "for dental clinics");
  EXPECT_EQ(FillPlaceholders("on {category|that}", "data_privacy", c),
            "on data privacy");
  EXPECT_EQ(FillPlaceholders("on {category|that}", "custom", c), "on that");
}

TEST(PlaybookJson, DefaultRoundTrips) {
  std::string text = PlaybookJson(DefaultPlaybook());
  StatusOr<Playbook> back = ParsePlaybookJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(PlaybookJson(*back), text);
}

TEST(PlaybookJson, TenantOverlayReplacesAndAddsCategories) {
  StatusOr<Playbook> p = ParsePlaybookJson(R"({
    "name": "acme",
    "categories": {
      "price": {"title": "Pricing", "approaches": [
        {"id": "value", "name": "Value", "line": "Lead with value.",
         "say": "Our customers save ten hours a week."}]},
      "integration": {"title": "Integration", "approaches": [
        {"id": "api", "name": "Open API", "fits": ["transactional"],
         "line": "Point to the open API and the {term|connectors}.",
         "say": {"professional": "We have an open API.",
                 "casual": "There's an API for that."},
         "ask": "Which system do you need it to talk to?"}]}
    },
    "checklist": [{"id": "pain", "title": "No pain found", "text": "Ask.",
                   "due_s": 120, "phrases": ["pain"]}]
  })");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->name, "acme");
  EXPECT_EQ(p->CategoryFor("price").title, "Pricing");
  EXPECT_EQ(p->CategoryFor("integration").approaches[0].say.casual,
            "There's an API for that.");
  EXPECT_EQ(p->CategoryFor("timing").approaches[0].id, "urgency");
  ASSERT_EQ(p->checklist.size(), 1u);
  EXPECT_EQ(p->checklist[0].due_ms, 120'000);
}

TEST(PlaybookJson, RejectsInvalidPlaybooksNamingTheField) {
  const std::string approach = R"({"id":"a","name":"A","line":"x","say":"y"})";
  struct Case {
    std::string json;
    const char* message_part;
  };
  const Case cases[] = {
      {"{", "playbook: not valid JSON"},
      {R"({"replace_defaults":true,"name":"t","closers":{"soft_close":"a",
          "hard_close":"b","collaborative":"c"},"categories":{"price":
          {"title":"P","approaches":[)" +
           approach + "]}}}",
       "needs a \"custom\" category"},
      {R"({"categories":{"price":{"title":"P","approaches":[]}}})",
       "playbook.categories.price.approaches: needs at least one approach"},
      {R"({"categories":{"price":{"title":"P","approaches":[)" + approach +
           "," + approach + "]}}}",
       "playbook.categories.price.approaches[1].id: \"a\" is used twice"},
      {R"({"categories":{"price":{"title":"P","approaches":[{"id":"a",
          "name":"A","line":"for {sector|you}","say":"y"}]}}})",
       "playbook.categories.price.approaches[0].line: unknown placeholder "
       "{sector}"},
      {R"({"categories":{"price":{"title":"P","approaches":[{"id":"a",
          "name":"A","line":"for {industry}","say":"y"}]}}})",
       "placeholder {industry} needs a fallback"},
      {R"({"categories":{"price":{"title":"P","approaches":[{"id":"a",
          "name":"A","line":")" +
           std::string(170, 'x') + R"(","say":"y"}]}}})",
       "approaches[0].line: longer than 160 characters"},
      {R"({"categories":{"price":{"title":"P","approaches":[{"id":"a",
          "name":"A","line":"x","say":"y","fits":["pushy"]}]}}})",
       "approaches[0].fits[0]: expected one of consultative"},
      {R"({"categories":{"price":{"title":"P","approaches":[{"id":"a",
          "name":"A","line":"x","sya":"y"}]}}})",
       "approaches[0].say: required field is missing"},
      {R"({"categories":{"Price!":{"title":"P","approaches":[)" + approach +
           "]}}}",
       "playbook.categories.Price!: category names"},
      {R"({"checklist":[{"id":"b","title":"t","text":"x","due_s":0,
          "phrases":["budget"]}]})",
       "playbook.checklist[0].due_s: must be between"},
      {R"({"openers":{"consultative":"ok","pushy":"no"}})",
       "playbook.openers.pushy: unknown field"},
  };
  for (const Case& c : cases) {
    StatusOr<Playbook> r = ParsePlaybookJson(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << r.status().message();
  }
}

}  // namespace
}  // namespace sc::guidance
