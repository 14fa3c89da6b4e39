#include "analysis/sentiment_sales.h"

#include <algorithm>
#include <cassert>
#include <cctype>

namespace sc::analysis::sales {
namespace {

// Valences are on VADER's scale, where "good" is +1.9, "bad" -2.5, "problem"
// -1.7. The families follow the objection taxonomy of docs/objections.md
// plus the buying signals that mirror them. Resistance weighs -1 to -2.5 by
// how firmly it closes the door; a brush-off ("send me some information")
// is mild, a request to stop calling is strong. The wording is ours, written
// from common sales practice; none of it comes from evaluation data.
constexpr PhraseSpec kSalesPhrases[] = {
    // Price and budget.
    {"(too|overly|way too|far too) (expensive|pricey|pricy|costly|steep)",
     -2.2},
    {"(expensive|pricey|pricy|overpriced)", -1.2},
    {"(out of|outside|beyond|above|over) (our|my|the|your) (budget|price "
     "range)",
     -2.0},
    {"(no|zero|not much|limited|tight|small|tiny) budget", -1.8},
    {"(budget|budget's) (is|was|) (tight|limited|gone|spent|frozen|exhausted|"
     "maxed out|already allocated|already spent)",
     -1.8},
    {"budget (freeze|cuts|cut)", -1.8},
    {"(we're|we are|are|company is|company's) (cutting|reducing|trimming) "
     "(costs|budgets|spend|spending|back)",
     -1.5},
    {"(can't|cannot|can not|couldn't|could not) afford", -2.2},
    {"(can't|cannot|couldn't|hard to|difficult to|tough to) justify (the|that|"
     "this|) (cost|price|spend|spending|expense|investment)",
     -2.0},
    {"(price|pricing|cost|quote|fee|fees|rate|rates|subscription) "
     "(is|are|seems|"
     "seem|looks|was|) (too|very|really|pretty|quite|bit|little|) (high|steep)",
     -1.8},
    {"(costs|cost|charging|charge) (too much|an arm and leg)", -2.0},
    {"more than (we|we're|we are|we'd be|) (willing|able|prepared) to "
     "(pay|spend)",
     -2.0},
    {"(cheaper|less expensive|lower price|better price|better deal) (elsewhere|"
     "somewhere else|from another|with another|from your competitor)",
     -1.5},
    {"(hidden|extra|additional|setup|set up) (fees|costs|charges)", -1.0},
    // Status quo.
    {"(happy|satisfied|content|pleased|fine|comfortable) with (our|the|my) "
     "(current|existing|present) "
     "(provider|vendor|supplier|solution|system|setup|"
     "tool|tools|platform|partner|service|carrier|software|process|agency)",
     -1.6},
    {"(happy|satisfied|content|pleased|comfortable) with (our|the|my) "
     "(provider|vendor|supplier|carrier)",
     -1.6},
    {"already (have|use|using|got|work with|working with|signed with) (another|"
     "our own|an|the|) (provider|vendor|supplier|solution|system|tool|platform|"
     "partner|someone|somebody|one|something)",
     -1.4},
    {"(current|existing|present) "
     "(system|setup|process|solution|provider|vendor|"
     "tool|platform) (works|is working|does the job|does the trick) (fine|well|"
     "ok|okay|great|)",
     -1.2},
    {"(we're|we are|am) all set", -1.2},
    {"(don't|do not|dont) (want|need) to (switch|change|move)", -1.8},
    {"(hassle|pain|headache) to (switch|change|migrate|move)", -1.5},
    {"if it (ain't|isn't|is not) broke", -1.2},
    // Need, interest and brush-offs.
    {"not (really|) interested", -2.2},
    {"(no|zero|little) interest", -1.8},
    {"no need", -1.2},
    {"no (thanks|thank you)", -1.5},
    {"not (really|) (priority|good fit|right fit|fit for us|focus)", -1.5},
    {"(don't|do not|doesn't|does not) (really|) need "
     "(it|this|that|one|anything|"
     "your|any|more)",
     -1.8},
    {"(don't|do not) see (the|any|much) (value|point|benefit|need)", -2.0},
    {"(waste|wasting) of (time|money)", -2.2},
    {"(just|) (send|email|e-mail|mail) (me|us|it|over) (some|more|the|your|an|"
     "any|) (information|info|details|brochure|literature|material|materials|"
     "deck|overview|pdf)",
     -0.8},
    {"(take|remove|put) (me|us|my number|our number) (off|from) "
     "(your|the|this) "
     "(list|call list|calling list|database)",
     -2.5},
    {"(stop|quit|don't|do not) (calling|call|contacting|emailing) (me|us|here)",
     -2.5},
    {"(how|where) did you get (my|this|our) (number|info|information|details)",
     -1.5},
    {"(not|aren't|are not|isn't|is not) (looking|shopping|in the market) "
     "(for|to|"
     "right now|at the moment|)",
     -1.5},
    {"(we're|we are|am) good (thanks|thank you)", -1.0},
    {"(don't|do not|dont) (have|got) (the|) (time|bandwidth|capacity)", -1.2},
    {"(no|zero) (bandwidth|capacity)", -1.2},
    {"too busy", -1.2},
    // Timing and stalls.
    {"(call|check|reach|get) (me|us|) back (later|next quarter|next year|next "
     "month|in few months|in couple months|after the holidays)",
     -1.0},
    {"(circle|touch) back", -0.8},
    {"(need|needs|have|want|got|let) (me|us|) (to|) think (about it|it "
     "over|about "
     "this|about that|on it)",
     -1.0},
    {"(sleep on it|mull it over)", -0.8},
    {"(not|isn't|is not) (the|) right (time|moment)", -1.5},
    {"not (right now|this year|this quarter|at the moment|at this time)", -1.2},
    {"(maybe|perhaps|possibly) (later|next year|next quarter|down the "
     "road|down "
     "the line|in the future)",
     -0.8},
    // Authority.
    {"(talk to|speak to|speak with|talk with|check with|run it by|run this by|"
     "run that by|discuss it with|discuss this with|clear it with) "
     "(my|our|the) "
     "(boss|manager|partner|partners|team|wife|husband|board|director|ceo|cfo|"
     "owner|procurement|legal|committee)",
     -0.6},
    {"(not|isn't|is not) (my|up to me|my call|my decision)", -1.2},
    {"(don't|do not) make (the|those|these) decisions", -1.2},
    {"(need|needs|requires|require|would need) (approval|sign off|signoff|"
     "buy in|sign-off)",
     -0.6},
    // Trust.
    {"never heard of (you|your company|you guys|your product|it|them)", -1.5},
    {"(sounds|seems|sound|seem|looks|is|it's) too good to be true", -2.0},
    {"(been|got|get|were|was) burned (before|by|in the past)", -2.0},
    {"(how|why) (do|should|would|can) (we|) trust (you|this|that|your)", -1.5},
    // Contract.
    {"(locked|stuck|tied) (in|into|up in|up with|up) (an|the|our|long|"
     "multi-year|multiyear|) (contract|agreement|deal|term|lease)",
     -1.6},
    {"under (contract|agreement)", -1.2},
    {"(early|) (termination|cancellation|exit) (fee|fees|penalty|penalties|"
     "clause)",
     -1.2},
    // Technical fit and risk.
    {"(doesn't|does not|won't|will not|can't|cannot|wouldn't) (integrate|work|"
     "play nicely|play nice|connect|sync) with",
     -1.8},
    {"(security|compliance|privacy|data) (concerns|concern|issues|issue|risk|"
     "risks|worries)",
     -1.5},
    {"(steep|big|long) learning curve", -1.2},
    {"(too|very|really|overly) (complicated|complex|technical|clunky)", -1.6},
    {"(complicated|clunky)", -0.8},
    {"(implementation|migration|onboarding|rollout|setup) (is|would be|sounds|"
     "seems|looks|) (hard|difficult|nightmare|hassle|lot of work|too much "
     "work)",
     -1.5},
    // Words a general lexicon leaves neutral that signal friction in a deal.
    {"(issue|issues|concern|concerns|concerned|reservations|hesitation)", -0.8},
    {"(dealbreaker|deal breaker|red flag|roadblock|blocker|pushback|sticking "
     "point)",
     -1.5},
    // Discourse markers and politeness formulas carry no opinion in a sales
    // call ("honestly, it's too expensive", "please take me off your list",
    // "not interested, thanks"), but the general lexicon rates them
    // strongly positive. Valence 0 makes them neutral items.
    {"(honestly|to be honest|in all honesty|to be fair|please|thanks|thank "
     "you|thank you very much|thanks so much)",
     0},
    // Buying signals.
    {"(makes|make) sense", 1.2},
    {"(let's|lets) (do it|do this|go|go ahead|move forward|get started|proceed|"
     "set it up|sign)",
     2.2},
    {"(move|moving) forward", 1.5},
    {"(go|going) ahead", 1.2},
    {"next steps", 1.0},
    {"(sign|signing) (us|me|) up", 1.8},
    {"(sign|signing) (the contract|the agreement|the paperwork|today|now)",
     1.8},
    {"(send|email) (over|me|us) (the|your|) (contract|agreement|paperwork|"
     "proposal|quote|order form|invoice)",
     1.5},
    {"(when|how soon|how quickly|how fast) (can|could) (we|you) (start|get "
     "started|begin|go live|onboard|set it up|get set up)",
     2.0},
    {"(get|getting) started", 1.2},
    {"(schedule|book|set up|arrange) (another|second|the|next|) "
     "(demo|follow-up|"
     "follow up|meeting|call|trial|pilot|walkthrough|walk-through)",
     1.2},
    {"exactly what (we|we've|i've|) (need|needed|want|wanted|been looking for|"
     "were looking for|was looking for)",
     2.5},
    {"(fits|fit|within|in|under) (our|the|my) budget", 1.5},
    {"(within|under|on) budget", 1.2},
    {"(saves|save|saving|would save|could save) (us|you|) "
     "(time|money|hours|lot "
     "of time|lot of money)",
     1.6},
    {"(reasonably|fairly|competitively) priced", 1.5},
    {"(affordable|cost-effective|cost effective)", 1.5},
    {"no (problem|problems|worries)", 1.2},
    {"no brainer", 2.0},
    {"(we're|i'm|am|are) on board", 1.5},
    {"count (me|us) in", 2.0},
    {"(we're|i'm|am|we are|are) (ready|prepared) to (buy|sign|move "
     "forward|start|"
     "commit|go|proceed)",
     2.2},
    {"(we've|we have|there's|got) (the|some|) budget (for|set aside|approved)",
     1.2},
    {"budget (approved|allocated|set aside|is approved)", 1.5},
    {"(it's|that's) deal", 1.5},
    {"(you've|you have) got (yourself|) deal", 2.0},
};

// Splits on spaces outside groups; a group becomes one element.
StatusOr<std::vector<std::vector<std::vector<std::string>>>> ParsePattern(
    std::string_view pattern) {
  auto error = [&](std::string why) {
    return InvalidArgument("sales phrase \"" + std::string(pattern) +
                           "\": " + why);
  };
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = s.find(' ', i);
      if (j == std::string_view::npos) j = s.size();
      if (j > i) out.emplace_back(s.substr(i, j - i));
      i = j + 1;
    }
    return out;
  };
  // Each element: the list of alternatives, each a word sequence.
  std::vector<std::vector<std::vector<std::string>>> elements;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ' ') {
      ++i;
    } else if (pattern[i] == '(') {
      size_t close = pattern.find(')', i);
      if (close == std::string_view::npos) return error("unclosed group");
      std::string_view body = pattern.substr(i + 1, close - i - 1);
      if (body.find('(') != std::string_view::npos) {
        return error("nested group");
      }
      std::vector<std::vector<std::string>> alternatives;
      size_t a = 0;
      while (true) {
        size_t bar = body.find('|', a);
        alternatives.push_back(words(
            body.substr(a, bar == std::string_view::npos ? bar : bar - a)));
        if (bar == std::string_view::npos) break;
        a = bar + 1;
      }
      elements.push_back(std::move(alternatives));
      i = close + 1;
    } else if (pattern[i] == ')' || pattern[i] == '|') {
      return error("stray group character");
    } else {
      size_t j = pattern.find_first_of(" ()|", i);
      if (j == std::string_view::npos) j = pattern.size();
      elements.push_back({{std::string(pattern.substr(i, j - i))}});
      i = j;
    }
  }
  for (const auto& element : elements) {
    for (const auto& alternative : element) {
      for (const std::string& w : alternative) {
        if (w.size() < 2) return error("one-letter word \"" + w + "\"");
        if (vader::Lower(w) != w) return error("capitals in \"" + w + "\"");
      }
    }
  }
  if (elements.empty()) return error("empty");
  return elements;
}

// A token as phrases see it: lowercase, surrounding punctuation removed.
std::string Normalize(std::string_view lower) {
  auto punct = [](char c) {
    return c != '\'' && c != '-' && static_cast<unsigned char>(c) < 128 &&
           !std::isalnum(static_cast<unsigned char>(c));
  };
  size_t b = 0;
  size_t e = lower.size();
  while (b < e && punct(lower[b])) ++b;
  while (e > b && punct(lower[e - 1])) --e;
  return std::string(lower.substr(b, e - b));
}

}  // namespace

std::span<const PhraseSpec> DefaultSalesPhrases() { return kSalesPhrases; }

StatusOr<PhraseSet> PhraseSet::Compile(std::span<const PhraseSpec> specs) {
  PhraseSet set;
  for (const PhraseSpec& spec : specs) {
    SC_ASSIGN_OR_RETURN(auto elements, ParsePattern(spec.pattern));
    std::vector<std::vector<std::string>> expansions = {{}};
    for (const auto& element : elements) {
      std::vector<std::vector<std::string>> next;
      for (const auto& prefix : expansions) {
        for (const auto& alternative : element) {
          std::vector<std::string> seq = prefix;
          seq.insert(seq.end(), alternative.begin(), alternative.end());
          next.push_back(std::move(seq));
        }
      }
      expansions = std::move(next);
    }
    // Each word with an apostrophe also matches without it.
    std::vector<std::vector<std::string>> with_variants;
    for (auto& seq : expansions) {
      std::vector<std::vector<std::string>> variants = {{}};
      for (const std::string& w : seq) {
        std::string bare = w;
        std::erase(bare, '\'');
        std::vector<std::vector<std::string>> next;
        for (const auto& v : variants) {
          next.push_back(v);
          next.back().push_back(w);
          if (bare != w) {
            next.push_back(v);
            next.back().push_back(bare);
          }
        }
        variants = std::move(next);
      }
      for (auto& v : variants) with_variants.push_back(std::move(v));
    }
    for (auto& seq : with_variants) {
      if (seq.empty()) continue;
      std::string first = seq.front();
      set.by_first_[first].push_back(Entry{std::move(seq), spec.valence});
      ++set.count_;
    }
  }
  for (auto& [first, entries] : set.by_first_) {
    // Longest first; among equals the earlier spec wins (stable sort).
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) {
                       return a.words.size() > b.words.size();
                     });
  }
  return set;
}

const PhraseSet& PhraseSet::Default() {
  static const PhraseSet* const set = [] {
    StatusOr<PhraseSet> compiled = Compile(DefaultSalesPhrases());
    // The built-in table is checked by sentiment_test; a malformed entry is
    // a programming error caught there.
    assert(compiled.ok());
    return new PhraseSet(compiled.ok() ? std::move(compiled).value()
                                       : PhraseSet());
  }();
  return *set;
}

std::vector<vader::PhraseItem> PhraseSet::Match(
    std::span<const vader::Token> tokens) const {
  std::vector<vader::PhraseItem> out;
  if (by_first_.empty()) return out;
  std::vector<std::string> norm;
  norm.reserve(tokens.size());
  for (const vader::Token& t : tokens) norm.push_back(Normalize(t.lower));
  size_t i = 0;
  while (i < tokens.size()) {
    auto it = by_first_.find(norm[i]);
    const Entry* best = nullptr;
    if (it != by_first_.end()) {
      for (const Entry& e : it->second) {
        size_t n = e.words.size();
        if (i + n > tokens.size()) continue;
        bool ok = true;
        for (size_t k = 0; k < n && ok; ++k) {
          ok = norm[i + k] == e.words[k] &&
               (k + 1 == n || !tokens[i + k].punct_after);
        }
        if (ok) {
          best = &e;
          break;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    out.push_back({i, i + best->words.size(), best->valence});
    i += best->words.size();
  }
  return out;
}

}  // namespace sc::analysis::sales
