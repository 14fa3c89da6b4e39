// The built-in phrase inventory, part one: the commercial categories
// (price, budget, competitor, status_quo, contract). Written from common
// sales-objection knowledge (how buyers phrase pushback on calls), not from any
// evaluation set. Patterns use the language of objection_pattern.h on
// normalized words: contractions are already expanded ("do not", "can not", "it
// is").
#include <array>

#include "analysis/objection_inventory.h"

namespace sc::analysis {
namespace {

constexpr std::array kCommercial = {
    // ---- price: the cost itself is too high. ----
    InventoryEntry{"price", 0.95,
                   "too (expensive|pricey|costly|steep|rich|high)",
                   "too expensive"},
    InventoryEntry{"price", 0.75, "expensive|pricey|overpriced|costly", ""},
    InventoryEntry{"price", 0.95, "(costs|cost|charge|charging) too much", ""},
    InventoryEntry{"price", 0.9, "too much (money|for us|for what)", ""},
    InventoryEntry{"price", 0.95, "out of (our|my|the) price range",
                   "out of our price range"},
    InventoryEntry{"price", 0.95, "(can not|could not) afford", "can't afford"},
    InventoryEntry{"price", 0.9, "not sure (we|i) can (afford|justify)", ""},
    InventoryEntry{"price", 0.9,
                   "(can not|could not|hard to|difficult to) justify "
                   "(the|that|this|it)? (price|cost|spend|investment|roi|"
                   "expense)?",
                   ""},
    InventoryEntry{"price", 0.85,
                   "(do not|can not) see (the|a|any) (roi|return|value)", ""},
    InventoryEntry{"price", 0.9,
                   "not worth (it|the money|the price|the cost|the investment)",
                   "not worth it"},
    InventoryEntry{"price", 0.9,
                   "(higher|more) than (we|i) (expected|budgeted|planned|"
                   "thought|anticipated|wanted to spend|want to spend|"
                   "want to pay|wanted to pay|can spend|can pay)",
                   ""},
    InventoryEntry{"price", 0.9,
                   "(more|higher) than (we|i) (pay|are paying|were paying|"
                   "spend|are spending)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(pay|paying|spend|spending) (about|only|roughly|just)? "
                   "half (of)? (that|this|what you|as much)",
                   ""},
    InventoryEntry{"price", 0.9,
                   "(a lot|too much|way too much) (of money)? (for us|to pay|"
                   "to spend|for a)",
                   ""},
    InventoryEntry{"price", 0.85, "(is|that is) a lot of money", ""},
    InventoryEntry{"price", 0.85,
                   "not a (small|cheap|little) (number|amount|sum|price|"
                   "investment)",
                   ""},
    InventoryEntry{"price", 0.9,
                   "(bigger|biggest|main|real|major|only) (issue|problem|"
                   "concern|hurdle|obstacle) * (is|was) * (price|cost|pricing)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(price|pricing|cost|costs|quote|fee|fees) *4 (issue|"
                   "problem|concern|hurdle|sticking point|obstacle)",
                   ""},
    InventoryEntry{"price", 0.85,
                   "(price|pricing|cost|quote|proposal|fee|fees|rate|number) "
                   "*2 (is|are|seems|seem|looks|came in|was) *2 (high|steep|"
                   "higher|much higher|too high|a lot|excessive)",
                   ""},
    InventoryEntry{"price", 0.85,
                   "surprised (by|at) the (increase|price|cost|quote|"
                   "pricing|number)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(price|pricing|cost|rate) (increase|increases|hike|jump)",
                   "price increase"},
    InventoryEntry{"price", 0.85,
                   "(need|want|expect|looking for|get|give us) * (a|some|"
                   "any|better)? discount",
                   ""},
    InventoryEntry{"price", 0.85,
                   "(room|flexibility|wiggle room) (on|in|with) (the|your)? "
                   "(price|pricing)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(do|go) (something|anything|better|lower) (on|with)? "
                   "(the|your)? (price|pricing)",
                   ""},
    InventoryEntry{"price", 0.8, "(cheaper|better|lower) (price|deal|rate)",
                   ""},
    InventoryEntry{"price", 0.85, "(sticker|price) shock", ""},
    InventoryEntry{"price", 0.85,
                   "(roi|return|value) (is not|just is not|is just not) there",
                   ""},
    InventoryEntry{
        "price", 0.9,
        "(more|higher) than (we|i) (were|was|are|am)? (hoping|"
        "expecting|planning|looking|willing|prepared) to (pay|spend)",
        ""},
    InventoryEntry{"price", 0.85,
                   "(similar|the same|same thing|comparable|equivalent) *2 "
                   "(for|at) (much|a lot|way|far|a fraction)? (less|cheaper|"
                   "half)",
                   ""},
    InventoryEntry{"price", 0.8, "cost (us)? (a fortune|an arm and a leg)", ""},
    InventoryEntry{"price", 0.9,
                   "(can not|could not|hard to) justify (spending|paying) "
                   "(that|this|so)? (much|kind of money)?",
                   ""},
    InventoryEntry{"price", 0.85, "out of (our|my)? reach", ""},
    InventoryEntry{"price", 0.85,
                   "(expecting|expected|hoping for|thinking) (something)? "
                   "(closer to|around|more like|nearer) (half|a lot less|less)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(for that|for this) (kind of|much|amount of) (money|cash)",
                   ""},
    InventoryEntry{"price", 0.9,
                   "(above|more than|over) what (we|i) (usually|normally|"
                   "typically)? (pay|spend|budgeted|paid)",
                   ""},
    InventoryEntry{"price", 0.85,
                   "(cheaper|less expensive|lower priced|lower cost) (option|"
                   "options|solution|product|tool|version)",
                   ""},
    InventoryEntry{"price", 0.8,
                   "(can not|could not|do not) see (us|me|myself|ourselves) "
                   "(paying|spending) (that|this|so)? (much|kind of money)?",
                   ""},
    // ---- budget: no money allocated, whatever the price. ----
    InventoryEntry{"budget", 0.95,
                   "(no|zero|any|tight|limited|small|frozen|flat|our|the) "
                   "budget (freeze|frozen|cuts|cut|is flat|is frozen|"
                   "is tight|is gone|is spent|is used up|is exhausted|"
                   "is allocated|is already allocated|is already spent)",
                   "budget freeze"},
    InventoryEntry{"budget", 0.95, "(budget|spending|hiring) freeze",
                   "budget freeze"},
    InventoryEntry{"budget", 0.9, "freeze on (spending|new spending|purchases)",
                   ""},
    InventoryEntry{"budget", 0.95,
                   "(do not|does not|did not) have (a|any|the|enough)? "
                   "(budget|money|funds|funding)",
                   "no budget"},
    InventoryEntry{"budget", 0.9,
                   "(no|not enough|zero|tight|limited) (budget|money|funds|"
                   "funding)",
                   "no budget"},
    InventoryEntry{"budget", 0.95,
                   "(over|above|exceeds|exceed|outside|beyond) (our|my|the) "
                   "budget",
                   "over our budget"},
    InventoryEntry{"budget", 0.95,
                   "not in (the|our|my|this years|this year) budget",
                   "not in the budget"},
    InventoryEntry{"budget", 0.85,
                   "(budget|budgets|money|funds|funding|cash) *5 (tight|flat|"
                   "frozen|limited|gone|spent|allocated|cut|committed|locked|"
                   "used up)",
                   ""},
    InventoryEntry{"budget", 0.85,
                   "(get|find|request|need|needs|require|requires) * "
                   "(additional|more|extra|new)? (budget|funding) (approval|"
                   "approved)?",
                   ""},
    InventoryEntry{"budget", 0.7, "budget (cycle|planning|approval|season)",
                   ""},
    InventoryEntry{"budget", 0.7, "(any|no) new spending", ""},
    InventoryEntry{"budget", 0.9,
                   "(spent|used up|allocated|blown|committed) (our|the|all our|"
                   "all of our|this years) budget",
                   ""},
    InventoryEntry{"budget", 0.75,
                   "(do not|does not) have the (resources|funds|money)", ""},
    InventoryEntry{"budget", 0.85,
                   "(can not|could not) (spend|invest) (any)? (more|money)",
                   ""},
    // ---- competitor: another vendor is in the picture. ----
    InventoryEntry{"competitor", 0.95,
                   "(looking at|evaluating|talking to|considering|comparing|"
                   "speaking with|speaking to|talking with) *2 (other|another|"
                   "a few|several|multiple|different|cheaper|some other) "
                   "(vendors|vendor|options|providers|provider|companies|"
                   "company|solutions|solution|alternatives|suppliers|tools)",
                   "another vendor"},
    InventoryEntry{"competitor", 0.9,
                   "(offer|quote|proposal|bid|deal) from (another|a different|"
                   "a cheaper|other|a) (company|vendor|provider|supplier)",
                   ""},
    InventoryEntry{"competitor", 0.85,
                   "(got|have|received|getting|get) (an|a|another|other|"
                   "better|cheaper) (offer|quote|proposal|offers|"
                   "quotes)",
                   ""},
    InventoryEntry{"competitor", 0.9,
                   "(signed|went|going|go|sign) with (someone|somebody) else",
                   ""},
    InventoryEntry{"competitor", 0.85,
                   "(they|competitor|competitors|others|that one) (are|is) "
                   "*2 (cheaper|less expensive|half the price|better)",
                   ""},
    InventoryEntry{"competitor", 0.85,
                   "(your|a|the) (competitor|competitors|competition)",
                   "your competitor"},
    InventoryEntry{"competitor", 0.85,
                   "(another|other|different) (vendor|vendors|provider|"
                   "supplier|solution|company|companies)",
                   ""},
    InventoryEntry{"competitor", 0.8,
                   "preferred (vendor|supplier|provider|partner)", ""},
    InventoryEntry{"competitor", 0.75, "competitor|competitors|competition",
                   ""},
    InventoryEntry{"competitor", 0.8,
                   "(does|do|has|have|offers|offer|gives|give|includes) * "
                   "that you (do not|can not|does not|will not)",
                   ""},
    InventoryEntry{"competitor", 0.75,
                   "(saw|seen|had|did|got) a (demo|trial|presentation|pitch) "
                   "(of|from|with)",
                   ""},
    InventoryEntry{"competitor", 0.8,
                   "(what makes you|how are you|why are you) (any)? "
                   "(different|better)",
                   ""},
    InventoryEntry{"competitor", 0.7,
                   "we (already|currently|are already|are currently|are|have "
                   "been|have already been)? (use|using|work with|working with|"
                   "went with|buy from|signed with) +",
                   "we already use"},
    InventoryEntry{"competitor", 0.85,
                   "already (working|work|partnered|partner) with (another|a "
                   "different|an|a|other) +",
                   ""},
    InventoryEntry{"competitor", 0.85,
                   "(shop|shopping|look|looking) (around|elsewhere)", ""},
    InventoryEntry{"competitor", 0.8, "what else is (out there|available)", ""},
    InventoryEntry{"competitor", 0.85,
                   "already have (an|a|our own)? "
                   "(agency|vendor|partner|provider|firm|consultant|"
                   "consultancy|company|team) (handling|doing|that does|who "
                   "does|who handles|that handles|taking care of|for)",
                   ""},
    // ---- status_quo: satisfied with how things are. ----
    InventoryEntry{"status_quo", 0.95,
                   "(happy|satisfied|content|comfortable|pleased) with (our|"
                   "the|my) (current|existing|present)? (provider|vendor|"
                   "supplier|system|solution|setup|process|partner|company|"
                   "service|tool|tools|software|way|one)",
                   "happy with our current provider"},
    InventoryEntry{"status_quo", 0.9,
                   "(happy|satisfied|content|comfortable) with (what|how) "
                   "(we|i) (have|use|do|are doing|are using)",
                   "happy with what we have"},
    InventoryEntry{"status_quo", 0.85,
                   "(we are|i am) (pretty|very|quite|really)? (happy|satisfied|"
                   "content|comfortable) with (it|them|that|things)",
                   ""},
    InventoryEntry{"status_quo", 0.8,
                   "already have (a|an|our own|something) (system|solution|"
                   "tool|process|provider|vendor|platform|software|setup|"
                   "program|way)?",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "have (a|an) (system|solution|tool|process|provider|vendor|"
                   "platform) (already|in place)",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "(what we have|what we use|what we are using) *2 (works|"
                   "is working|does the job|gets the job done)",
                   "what we have works"},
    InventoryEntry{"status_quo", 0.85,
                   "our (current|existing)? (system|process|setup|solution|"
                   "tool) *2 (works|is working|does the job|gets the job "
                   "done)",
                   ""},
    InventoryEntry{"status_quo", 0.75,
                   "(it|that) (works|is working) (fine|well|for us|okay)", ""},
    InventoryEntry{"status_quo", 0.95, "(is not|ain't) broke", ""},
    InventoryEntry{"status_quo", 0.95,
                   "(always|have always|have been) (done|doing) (it|things) "
                   "(this|that|the same) way",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "(stick|stay|staying|sticking) with (what we|our|the) "
                   "(know|have|current|existing|same)",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "(been|are) with (them|our provider|our vendor|the same "
                   "company|the same provider) for",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "(switching|switch|changing|change|moving|migrating) *2 "
                   "(would be|is|too|be too|is too) (disruptive|risky|"
                   "painful|much work|hard|difficult|much hassle|complicated)",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "(cost|pain|hassle|risk|headache) of (switching|changing|"
                   "moving|migrating)",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "too long to (switch|change|move|migrate)", ""},
    InventoryEntry{"status_quo", 0.95,
                   "no (reason|need) to (change|switch|move)", ""},
    InventoryEntry{
        "status_quo", 0.8,
        "(team|people|staff|users|drivers|everyone|employees) "
        "(already)? (know|knows|are used to|is used to|are "
        "comfortable with|like|likes) (the|our|it|how|their|that|them|"
        "this)",
        ""},
    InventoryEntry{"status_quo", 0.8, "(will not|would not) (adopt|switch)",
                   ""},
    InventoryEntry{"status_quo", 0.8,
                   "(tried|have tried) (this|something like this|something "
                   "similar|that|it) before",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "not worth the (hassle|effort|trouble|headache|disruption|"
                   "risk|pain)",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "(working|works|work) (well|fine|good)? enough", ""},
    InventoryEntry{"status_quo", 0.85,
                   "used to (the|our|how|what) (current|existing|old)? "
                   "(system|process|tool|way|software|setup|things|we)",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "(do not|does not) want to (learn|switch to|move to|adopt) "
                   "(a|another|something|anything) (new|different|else)?",
                   ""},
    InventoryEntry{"status_quo", 0.9,
                   "(using|used|had|with|been with) the same (system|provider|"
                   "vendor|tool|software|process|company|supplier) for",
                   ""},
    InventoryEntry{"status_quo", 0.85,
                   "(my|our|the) "
                   "(team|people|staff|reps|salespeople|employees|users|guys|"
                   "agents|drivers) (will not|would not|will never|would "
                   "never|are not going to|is not going to) "
                   "(use|adopt|learn|switch to|log into|touch|bother with)",
                   ""},
    InventoryEntry{"status_quo", 0.8,
                   "(doubt|do not think|can not see) (they|my team|our "
                   "team|our people|anyone|my people|my reps) (would|will)? "
                   "(ever)? (adopt|use|switch to|learn)",
                   ""},
    InventoryEntry{"status_quo", 0.8,
                   "(hate|resist|resent|push back on) "
                   "(learning|using|switching to|adopting)? (new|another) "
                   "(software|tools|tool|system|systems|apps|platform)",
                   ""},
    InventoryEntry{
        "status_quo", 0.7,
        "(yet|just)? another (tool|app|login|system|platform|dashboard) "
        "(to|every|they|we)",
        ""},
    InventoryEntry{"status_quo", 0.85, "more disruption than", ""},
    InventoryEntry{"status_quo", 0.85,
                   "(our|my) (it|in house|own|internal|tech) "
                   "(guys|team|people|staff|department|folks|developers) "
                   "(can|could) (build|do|make|handle|write|put together)",
                   ""},
    // ---- contract: tied to an existing agreement. ----
    InventoryEntry{"contract", 0.95, "(locked|tied|stuck) (in|into|to)",
                   "locked in"},
    InventoryEntry{"contract", 0.95,
                   "(under|in the middle of|bound by) (a|an|the|our)? "
                   "contract",
                   "under contract"},
    InventoryEntry{"contract", 0.9,
                   "(signed|have|in) (a|an|the)? *3 (year|month|long|long "
                   "term|multi year|multiyear) (contract|agreement|deal|"
                   "commitment)",
                   ""},
    InventoryEntry{"contract", 0.85,
                   "(our|the|their) (contract|agreement) (with them)? "
                   "(runs|ends|expires|is up|goes|renews|lasts)",
                   ""},
    InventoryEntry{"contract", 0.8,
                   "contract (length|term|terms|commitment|period)", ""},
    InventoryEntry{"contract", 0.85,
                   "(contract|commitment|term|agreement) (is|seems|sounds) "
                   "(too|a bit too|way too|really)? (long|restrictive|rigid|"
                   "strict)",
                   ""},
    InventoryEntry{"contract", 0.85,
                   "(long|long term|multi year|multiyear|lengthy) (contract|"
                   "commitment|agreement)",
                   ""},
    InventoryEntry{"contract", 0.95,
                   "(can not|could not) (get out of|break|cancel|exit) *2 "
                   "(contract|agreement)",
                   ""},
    InventoryEntry{"contract", 0.85,
                   "(cancellation|termination|exit|early termination) (fee|"
                   "fees|penalty|penalties|clause)",
                   ""},
    InventoryEntry{"contract", 0.95,
                   "(years|months|year|month) (left|remaining|to go) (on|in) "
                   "(our|the|my|their) (current|existing)? (contract|"
                   "agreement|deal|term|lease)",
                   ""},
    InventoryEntry{"contract", 0.9,
                   "(break|breaking|get out of|getting out of|cancel|"
                   "cancelling|canceling|leave|leaving|terminate|terminating) "
                   "(our|the|this|a|my) (current|existing)? (contract|"
                   "agreement)",
                   ""},
    InventoryEntry{"contract", 0.85,
                   "(just|recently|already) (renewed|signed|extended|"
                   "re-signed) (with|our|the|a|for)",
                   ""},
    InventoryEntry{
        "contract", 0.85,
        "(years|year|months) is a (big|long|huge|major|serious) commitment",
        ""},
    InventoryEntry{"contract", 0.8,
                   "(thirty six|twenty four|36|24|48|sixty|multi year|three "
                   "year|two year|five year) month? (term|commitment|contract)",
                   ""},
    InventoryEntry{"contract", 0.85,
                   "(are we|would we be|will we be|am i|would i be) "
                   "(stuck|locked|tied) (paying|in|into|with)?",
                   ""},
    InventoryEntry{
        "contract", 0.8,
        "(want|need) (to get)? out (after|early|before the end|of it early)",
        ""},
};

}  // namespace

std::span<const InventoryEntry> CommercialObjectionInventory() {
  return kCommercial;
}

}  // namespace sc::analysis
