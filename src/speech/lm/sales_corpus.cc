// The built-in training text of the domain language model: ordinary
// spoken English of business phone calls, written for this product (not
// taken from any test call). Format: domain_lm.h. Add to it when a kind of
// call is missing; never paste test dialogues here (docs/speech.md).
#include "speech/lm/domain_lm.h"

namespace sc::speech::lm {

namespace {

const char kCorpus[] = R"CORPUS(
# ---------------------------------------------------------------- classes
@first = mark | sarah | david | anna | michael | james | laura | daniel | emily | john | lisa | chris | jennifer | kevin | maria | tom | rachel | steve | karen | paul | amy | brian | nicole | peter | susan | eric | julia | mike | kate | ryan
@day = monday | tuesday | wednesday | thursday | friday
@anyday = monday | tuesday | wednesday | thursday | friday | saturday | sunday
@part = morning | afternoon | evening
@clock = one | two | three | four | five | eight | nine | ten | eleven | noon | nine thirty | ten thirty | two thirty | three thirty | eleven fifteen | one forty five
@month = january | february | march | april | may | june | july | august | september | october | november | december
@small = two | three | four | five | six | seven | eight | nine | ten | twelve | fifteen | twenty | thirty | forty | fifty | sixty
@big = one hundred | two hundred | three hundred | five hundred | one hundred and twenty | two hundred and fifty | one thousand | two thousand | five thousand | ten thousand
@money = ten dollars | twelve dollars | fifteen dollars | twenty dollars | forty dollars | fifty dollars | ninety nine dollars | one hundred dollars | five hundred dollars | a thousand dollars | two thousand dollars | three thousand dollars | ten thousand dollars | fifty thousand dollars
@pct = five percent | ten percent | twelve percent | fifteen percent | twenty percent | thirty percent | half
@period = week | month | quarter | year
@unit = users | seats | licenses | people | employees | locations | sites | trucks | stores | clinics | agents | accounts | devices | machines | drivers | sales reps
@team = team | sales team | finance team | it team | operations team | support team | marketing team | leadership team | board | manager | boss | partner | director | owner
@role = sales manager | office manager | it director | head of operations | finance director | marketing manager | owner | founder | chief executive | vice president of sales | operations manager | practice manager | plant manager | hr manager
@thing = software | platform | system | tool | service | product | solution | app | dashboard | integration | plan | package | contract | proposal | quote | pricing | demo | trial | pilot | report | invoice | renewal | upgrade
@pain = spreadsheets | manual work | paperwork | missed calls | late payments | downtime | errors | double entry | overtime | turnover | no shows | delays | security incidents | compliance issues | customer complaints | slow approvals
@industry = logistics | freight | trucking | healthcare | dental | clinic | insurance | payroll | accounting | manufacturing | retail | restaurant | real estate | construction | education | software | security | marketing | legal | hospitality | banking | property management | recruiting | nonprofit
@competitor = our current provider | our current vendor | the other vendor | the system we have | the old system | our bank | our broker | our agency | the big guys
@objword = price | cost | budget | timing | contract | risk | implementation | training | support | integration | security | approval

# ---------------------------------------------------------------- openings
hi {@first} this is {@first} from {our company|the sales team|customer success} do you have a minute
hello {@first} thanks for taking my call
hi {@first} it's {@first} calling from {@industry} solutions how are you today
good {@part} {@first} how are you doing
good {@part} this is {@first} speaking
hi is this {@first}
yes speaking who is this
this is {@first} how can i help you
thanks for making the time today
thanks for taking the time to talk with me
i really appreciate you taking my call
i know you're busy so i'll keep this short
is now still a good time to talk
is this a good time or should i call back later
do you have a few minutes right now
i only need about ten minutes of your time
sure i have a few minutes what is this about
what is this about
what can i do for you
who did you say you were with
how did you get my number
sorry i'm running a couple of minutes late
no problem at all
no worries at all
how is your day going
pretty good thanks and you
i'm doing well thank you for asking
not bad a bit busy but good
it's been a long week
how was your weekend
how was the weekend did you do anything fun
we went hiking on saturday
the weather was nice for once
it rained most of the weekend
we had a family thing on sunday
the kids had a soccer game
did you have a nice holiday
how was the conference last week
i saw your post on linkedin
i'm calling because you downloaded one of our guides recently
you signed up for our webinar last month
you filled out a form on our website
i'm following up on the email i sent last week
i'm following up on our call from last {@anyday}
we met at the trade show in {@month}
{@first} suggested i reach out to you
{@first} gave me your name and said you might be the right person to talk to
i wanted to ask how your team handles that today
the reason for my call is simple
let me tell you briefly why i'm calling
i'll be quick i promise

# ---------------------------------------------------------------- discovery
can i ask you a few questions about your {@team}
can i start with a few questions about your business
how many {@unit} do you have right now
how many {@unit} are you running today
how many people are on your team
how big is your {@team}
how do you handle that today
how does your team do that today
what does your process look like today
walk me through how that works today
what tools are you using right now
what system are you using for that
what are you using today for {scheduling|billing|payroll|reporting|dispatch|invoicing|scheduling appointments|tracking inventory}
how long have you been using it
what do you like about it
what do you like most about them
what would you change if you could
what is the biggest challenge for your team right now
what is the hardest part of your week
what keeps you up at night
where does your team lose the most time
what happens when something goes wrong
what happens when a {driver|nurse|technician|employee|customer} calls in sick
what happens when an urgent order comes in
how much time does that take each {@period}
how often does that happen
how much does that cost you each {@period}
what would it mean for you if that went away
what would success look like for you
what are your goals for this {@period}
what are your priorities for next {@period}
who else is involved in a decision like this
who else would need to be part of the conversation
how do you usually make decisions like this
what does your buying process look like
what is your timeline for making a change
when does your current contract end
is there a budget set aside for this
do you have a budget in mind
what made you look at this now
have you looked at other options
are you talking to anyone else
is this a priority for you this {@period}
what would need to happen for you to move forward
on a scale of one to ten how important is this
is that fair to say
does that make sense
does that sound right
am i understanding that correctly
so if i heard you right the main problem is {@pain}
so the main issue is {@pain}
tell me more about that
can you give me an example
how did that go
why is that
that's interesting tell me more
and how is that working for you
got it and how many {@unit} is that
okay and who handles that now

# ---------------------------------------------------------------- prospect answers
we have about {@small} {@unit}
we have about {@big} {@unit}
we have {@small} {@unit} across {two|three|four|five} {locations|sites|offices|depots|stores|plants|clinics}
we're a {small|mid sized|growing|family owned} {@industry} company
we're a {@industry} company with about {@big} employees
right now we do most of it in {@pain}
most of our planning happens in spreadsheets
honestly it's a mess
that's where things get messy
someone has to redo it by hand
it can take a couple of hours
it takes us {@small} hours a {@period}
we lose about {@pct} of our time on that
we've been with them for {@small} years
we've used the same system for years
the team already knows the system
they have been reliable
the support is not great
the reporting is terrible
it doesn't talk to our other systems
we have to enter everything twice
we keep missing follow ups
we lost a couple of big customers last year
our biggest problem is {@pain}
the biggest issue is {@pain}
the main thing is {@pain}
i'm the {@role}
i'm the {@role} so i look after that
i handle most of that myself
my {@team} makes that call
i'd have to talk to my {@team}
i report to the {@role}
we're growing pretty fast
we're opening {two|three|a new} {locations|stores|clinics|offices} this year
we just hired {@small} new people
we're trying to cut costs this year
we're under a lot of pressure on margins
our contract renews in {@month}
our contract runs until {@month}
we signed a {one|two|three} year contract
we're locked in until the end of the year
i'm not sure we need anything new
that's a good question
let me think about that
i'd have to check
i don't know off the top of my head
probably around {@small} {@unit}
roughly {@big} a {@period}

# ---------------------------------------------------------------- pitch
let me tell you briefly what we do
here's what we do in a nutshell
we help {@industry} companies {save time|cut costs|grow revenue|reduce errors|stay compliant|get paid faster|keep their customers}
we help companies like yours {save time|cut costs|grow revenue|reduce errors|stay compliant|get paid faster}
our {@thing} {plans|tracks|automates|handles|schedules|reports on} {the routes|the orders|the appointments|the invoices|the payroll|the claims|the shifts|the inventory|the leads|everything} for you
it takes care of {@pain} so your team doesn't have to
it connects to the tools you already use
it works with your existing {@thing}
it plugs into your {crm|accounting system|phone system|email|calendar|website}
you can see everything in one dashboard
everything is in one place
the setup takes about {two|three|four|six} weeks
onboarding usually takes {a couple of weeks|about a month|a few days}
we handle the setup and the training
you get a dedicated account manager
our support team is available around the clock
most of our customers cut that time in half
most customers see results in the first {@period}
customers usually save {@pct} in the first {@period}
on average our customers save {@pct} on {fuel|labor|overtime|their costs|their bills}
we work with over {@big} {@industry} companies
one of our customers had the same problem
a customer of ours in {@industry} was in the same situation
they went from {@pain} to a clean process in {a month|a few weeks}
we can show you real numbers from customers like you
it's fully secure and compliant
your data stays encrypted
you can cancel at any time
there's no long term contract
it pays for itself in a few months
i think this could be a really good fit for you
based on what you told me i think we can help
would it help if i showed you how it works
can i show you a quick demo
let me share my screen
can you see my screen
this is the main dashboard
here you can see all your {orders|appointments|invoices|leads|tickets|claims} for the day
when something changes the plan updates itself
you can drag it to another {truck|person|day|slot}
you get an alert when something needs attention
you can run the report with one click

# ---------------------------------------------------------------- objections
that sounds {good|interesting|great} but {it's too expensive|we don't have the budget|the timing is bad|we're happy with what we have}
it's too expensive
that's more than we pay now
that's a lot more than we pay now
the price is too high
the price is a little too high for our budget
that's over our budget
we don't have the budget for this right now
we don't have budget until next {@period}
our budget is already set for this year
we're happy with our current provider
we're pretty happy with what we have
we already have a system for that
we're locked into a contract
i don't think we need it
we tried something like this before and it didn't work
i'm worried about the implementation
i'm worried the team won't use it
we don't have time to switch right now
the timing isn't right
now is not a good time
call me back next {@period}
call me back in {@month}
can you just send me some information
just send me an email and i'll take a look
send me something in writing
i need to think about it
let me think it over
i need to talk to my {@team} first
i'm not the one who makes that decision
i'd have to run it by my {@team}
i don't make that decision
we need to get approval from {the board|finance|my boss|the owner|corporate}
i'm not sure it fits what we need
how is this different from {@competitor}
why would we switch
what if it doesn't work for us
what happens if we want to cancel
is there a long term contract
how long is the contract
what's the catch
i've never heard of you
how do i know this will work for us
do you have any references
is our data safe with you
what about security
we had a bad experience with a vendor last year
the last switch took six months and it was painful
i'm not interested
we're all set thanks
not right now maybe later
we're in the middle of a big project
everything is on hold until next {@period}
we're going through a merger
there's a hiring freeze right now
my hands are tied

# ---------------------------------------------------------------- answers to objections
i understand
i completely understand
that makes sense
that's fair
that's a fair question
i hear you
i get that
i appreciate you being honest with me
a lot of our customers felt the same way at first
many of our customers said the same thing before they started
what they found was that it paid for itself in {a few months|the first quarter|the first year}
if the savings covered the cost would you take a closer look
if i could show you a way to {save money|save time|cut that in half} would that be worth a conversation
would it make sense to look at the numbers together
let's look at what it costs you today
what is {@pain} costing you today
compared to what you spend on {@pain} it's actually cheaper
you wouldn't have to replace anything
you can keep what you have today
nothing changes for your team day to day
we can start small with one {team|location|site|department} and grow from there
we can start with a pilot
we can do a free trial for {two weeks|thirty days|a month}
we can do a {thirty|sixty|ninety} day pilot
we can match the price for the first year
we can offer a discount if you sign before the end of the {@period}
we can give you {@pct} off the first year
we have a smaller plan that might fit your budget
we can spread the payments across the year
there's no setup fee
we can do a month to month plan
we can time it with the end of your current contract
we'll handle the whole switch for you
our team does the data migration for you
we'll train your team on site
we have customers who switched in under two weeks
i'm happy to send you some information
i'll send you a short summary by email
i'll send you a case study from a company like yours
what would be most useful for you to see
what specifically would you like me to send
before i send it can i ask what you'd look for
who else should see it
would it help if i joined a call with your {@team}
could we set up a call with you and your {@team}
what would your {@team} want to know
what questions do you think they'll have
i can put together a one page summary for them
i can send you some references
i can connect you with a customer in {@industry}
is it the price or is it something else
apart from the price is there anything else holding you back
if the price were not an issue would you go ahead
what would make this a yes for you
what would you need to see
fair enough when would be a better time
no problem when should i follow up

# ---------------------------------------------------------------- pricing and numbers
how much does it cost
what does something like this cost
what does it cost
what's the price
how does the pricing work
is it per user or per month
it's {@money} per {user|seat|month|location|truck|license} per month
it's {@money} a {@period}
it's usually between {@money} and {@money} a month
for a company your size it's about {@money} a {@period}
for {@small} {@unit} it would be about {@money} a month
the setup fee is {@money}
there's a one time setup fee of {@money}
that comes to about {@money} a {@period}
that's about {@money} per {user|person|seat}
you'd save around {@money} a {@period}
that's a saving of {@pct}
we charge per {@unit}
it depends on the number of {@unit}
it depends on how many {@unit} you have
the price includes {support|training|onboarding|updates|the setup}
support is included
there are no hidden fees
what's included in that
is there a discount for a longer contract
do you offer a discount
can you do any better on the price
can you do {@money}
we can do {@pct} off if you sign for two years
the annual plan is {@pct} cheaper
we can lock in this price for {two|three} years
i'll put the numbers in the proposal
let me get you a quote
i'll send you a quote by the end of the day
can you send me a quote
{one|two|three|four|five|six|seven|eight|nine|ten} {@unit}
about {@big} {@unit}
around {@small} percent
{@small} percent of our {customers|orders|calls|invoices|claims}
more than {@pct} of the time
in the first {@period}
over the last {@small} years

# ---------------------------------------------------------------- next steps and scheduling
what would be a good next step
what's the best next step from here
how about a thirty minute demo with your {@team}
can we set up a demo for next {@period}
can we schedule a follow up call
can we put something on the calendar
would {@day} work for you
would {@day} {@part} work
how about {@day} at {@clock}
does {@day} at {@clock} work for you
{@day} at {@clock} works for me
{@day} {@part} works for me
{@day} is better for me
{@day} is bad for me how about {@day}
i'm out on {@day}
i'm traveling next week
i'm free on {@day} {@part}
let's do {@day} at {@clock}
let's say {@day} at {@clock} then
that works
that works for me
sounds good
perfect
great i'll send you an invite
i'll send a calendar invite
i'll send over a calendar invite for {@day}
i'll send you an email with the details
i'll send you the proposal by {@day}
i'll send the contract over today
i'll follow up on {@day}
i'll give you a call next {@day}
i'll check in with you next {@period}
let's talk again after you speak with your {@team}
who else should i invite to the call
should i include your {@team}
please include {@first} from {finance|operations|it|the front desk|our team}
can you send me the invite
what's the best email to reach you
is this the best number to reach you
my email is on the invite
what time zone are you in
at the end of the {@period}
by the end of the {@period}
on the {first|fifth|tenth|fifteenth|twentieth|twenty first|thirtieth} of {@month}
in the first week of {@month}
at the beginning of {@month}
sometime in {@month}
next {@day}
this {@day}
in two weeks
in a couple of weeks
later this {@period}
early next {@period}

# ---------------------------------------------------------------- closing
does that sound good
is there anything else i can answer for you
do you have any other questions
any other questions for me
i think that covers everything
thanks again for your time
thank you so much for your time today
thanks {@first} i really appreciate it
thanks for the great conversation
talk to you on {@day}
talk to you soon
have a great {day|weekend|week|afternoon|evening}
you too
take care
bye
goodbye
thanks bye
okay great thanks
all right thank you
sounds like a plan
let's do it
we'd like to move forward
i think we're ready to move forward
let's go ahead with the pilot
send me the contract and i'll sign it
i'll sign it this week
i'll get it to legal today
i need to get it through legal first
we'll need a purchase order
we need to get it approved by finance
i'll let you know by {@day}
i'll get back to you by the end of the {@period}
we'll decide by the end of the {@period}

# ---------------------------------------------------------------- renewals and account management
i'm calling about your renewal coming up in {@month}
your contract is up for renewal next {@period}
i wanted to check in before the renewal
how has the first year been
how is the team finding the {@thing}
are you getting value out of it
what has been working well
what could we do better
we've added a lot of new features this year
i'd love to show you what's new
a lot of customers your size moved to the {premium|business|enterprise|pro} plan
the {premium|business|enterprise|pro} plan adds {reporting|security|support|integrations|more users}
you're close to the limit on your current plan
you've added {@small} new {@unit} since last year
we could add the new {@unit} to your plan
we'd like to keep the same price
the price is going up by {@pct} this year
can you hold the price for another year
we've had some issues with support
the last update broke a few things
we had an outage last month
i'm sorry about that
that shouldn't have happened
let me look into that for you
i'll get our support team on it today
i'll escalate that right away
i'll make sure that doesn't happen again
we want to make this right

# ---------------------------------------------------------------- industry talk
{@industry} is a tough business right now
we see that a lot in {@industry}
most {@industry} companies we talk to have the same problem
dispatch builds the plan every morning
our drivers use a mobile app
fuel is our biggest cost
the delivery windows are tight
the trucks come back half empty
our patients book online or by phone
the front desk spends hours on the phone
we have a lot of no shows
the doctors want fewer clicks
we need to stay hipaa compliant
payroll takes two days every pay period
we run payroll every two weeks
employees are paid every other friday
timesheets come in late
taxes and benefits are a headache
we process a few hundred claims a month
the claims take too long
our agents spend the day on the phone
the policy renewals come up every year
the premium went up again this year
the machines on the line go down without warning
maintenance is mostly reactive
we track the parts in spreadsheets
the plant runs three shifts
we need better visibility into inventory
our stores run on an old point of sale system
the leads come in from the website
our reps don't update the crm
we can't tell which campaigns work
the marketing budget is under review
we had a security audit last year
we need two factor authentication for everyone
the passwords are a mess
we got a phishing email that almost worked
our it team is just two people
we're moving everything to the cloud
the software is on premise right now
the servers are getting old
the board wants a report every quarter
our accountant handles the books
the invoices go out late
customers pay in sixty days on average
we want to get paid faster
our tenants pay rent online
the properties are spread across the state
the students and teachers use it every day
the parents get a text message
our volunteers sign up online
candidates drop out of the process
we need to hire {@small} people this quarter

# ---------------------------------------------------------------- conversational glue
yes
yeah
yes that's right
no
no not really
not really
sure
of course
absolutely
definitely
exactly
right
okay
okay great
got it
i see
makes sense
good point
that's true
that's right
go ahead
please go on
sorry could you repeat that
sorry i didn't catch that
can you say that again
you broke up a little there
can you hear me okay
i can hear you fine
sorry about the background noise
one second please
hold on a second
let me check my calendar
let me grab a pen
i'm writing that down
just to make sure i have this right
to be honest
honestly
actually
maybe
probably
i think so
i don't think so
i'm not sure
it depends
that's it
anything else
what do you think
what do you mean
how so
in what way
for example
for sure
no problem
not at all
thank you
thanks
thanks a lot
you're welcome
my pleasure
i'd be happy to
i'd love to
we'd love to have you as a customer
i look forward to it
looking forward to it
)CORPUS";

}  // namespace

std::string_view SalesCorpus() { return kCorpus; }

}  // namespace sc::speech::lm
