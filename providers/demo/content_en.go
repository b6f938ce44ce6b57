package demo

// English messages from the community, written for this demo. Slots are
// filled from the brand's vocabulary; see fill.go.

func enTexts() []entry {
	return []entry{
		{domAny, catPraise, []string{
			"Honestly, {product} is brilliant. Hats off to the whole team {emoji}",
			"Just tried {product} for the first time and I'm hooked!",
			"Thanks {brand}, never disappoints {emoji}",
			"Spotless service in {city}, nothing to complain about.",
			"Been a customer for {n} years and still happy.",
			"Absolutely love {product}, recommending it to everyone.",
			"Lovely welcome yesterday, big thanks to {name} for being so patient!",
			"You really look after your community, it shows.",
			"Finally a brand that listens. Thank you for fixing {feature}!",
			"Best find of the year: {product} {emoji}",
			"Can't fault it. Keep it up!",
			"Telling all my friends, {product} deserves the hype.",
		}},
		{domAny, catQuestion, []string{
			"Hi, can I use {feature} on {day} as well?",
			"Quick question: is {product} available in {city}?",
			"Does anyone know how to reach customer support? Been waiting {n} days.",
			"Hi, any plans to change {feature}? Thanks in advance",
			"Could I get an invoice for order {order}?",
			"Will {product} be back in stock soon?",
			"Do you answer DMs? I messaged you last {day}.",
			"Hey! How do I update my details for {feature}?",
		}},
		{domAny, catComplaint, []string{
			"Still no reply to my email after {n} days. Not acceptable.",
			"Disappointed with {product}, really not up to your usual standard.",
			"Order {order} still hasn't arrived and nobody picks up the phone.",
			"I was charged {price} twice, I want a refund.",
			"Since {day}, I can't use {feature} at all. So frustrating.",
			"Come on {brand}, quality is slipping. Looking elsewhere.",
			"Really cold welcome in {city} today, very disappointing.",
			"Third time reporting this and nothing has changed.",
		}},
		{domAny, catSpam, []string{
			"🚀 I make ${nn}00 a day trading crypto, DM me for the method!",
			"CONGRATULATIONS! You have been selected to win a free phone. Claim it here: http://free-gift.example/{nn}",
			"Follow me and I follow back 💯 #follow4follow",
			"Official {brand} giveaway: share this post and get {price} in vouchers! Link in bio",
			"Invest ${nn}0 today, get ${nn}00 tomorrow. Guaranteed. WhatsApp in bio.",
			"Need followers? {nn}k followers for only {price}, delivered in 24h.",
			"Your account will be suspended within 24h. Verify your details: http://account-check.example/{order}",
			"MOONX token going x{n}0 this week, join our VIP Telegram 🔥🔥",
			"Work from home! My mentor made me {price} in one week 💸",
			"Designer sunglasses -{nn}% 😎 link in my bio",
		}},
		{domAny, catToxic, []string{
			"You lot are completely useless.",
			"What a joke of a company.",
			"Does the social media person get paid to do nothing?",
			"Just shut it down, do everyone a favour.",
			"Rubbish, rubbish, rubbish. As always.",
			"Another copy-paste answer, you must think we're stupid.",
			"Boycott {brand}, bunch of crooks.",
			"You clearly have no idea what you're doing, go back to school.",
		}},
		{domAny, catIdea, []string{
			"Suggestion: what about a trial size of {product}?",
			"Would be great to have {feature} on {day} too.",
			"Idea: a referral scheme, I'd bring {n} friends straight away.",
			"You should do a live stream showing off {product}, people would love it.",
			"Any chance of a dark mode in the app?",
			"Would love to track my order in real time.",
			"A collab with local makers in {city} would be so cool!",
		}},
		{domAny, catThanks, []string{
			"Thanks for the quick reply!",
			"Thank you, all sorted now!",
			"Perfect, it works now. Cheers!",
			"Great, thanks for the info {emoji}",
			"Oh I see, I'd missed that. Thanks!",
			"Brilliant answer, much appreciated.",
		}},
		{domAny, catMeToo, []string{
			"Same here, same problem since {day}.",
			"+1, still not fixed on my side.",
			"That doesn't answer the question at all…",
			"Me too! Can we get a real answer?",
			"Same issue in {city}, is it everywhere?",
			"It's been {n} days and still nothing.",
		}},

		{domGame, catPraise, []string{
			"{product} is a gem, {nn} hours in and I still can't put it down.",
			"The art direction in {product} is stunning {emoji}",
			"Patch {version} changed everything, the game finally runs smooth!",
			"Thanks for {feature}, we play every night with friends.",
			"Best indie game of the year, no contest.",
		}},
		{domGame, catQuestion, []string{
			"Any date for patch {version}? We're all waiting for the fix.",
			"Any news on {feature} for consoles?",
			"Hi, will {product} get a Spanish translation?",
			"My save vanished after the update, is there any way to recover it?",
			"What are the minimum specs for {product}?",
			"Will there be a physical edition of {product}?",
		}},
		{domGame, catComplaint, []string{
			"Crashes every time at chapter {n} since patch {version}. Unplayable.",
			"Since {day}, the game crashes whenever I try {feature}.",
			"{price} for a {n}-hour DLC is a rip-off.",
			"Matchmaking keeps putting me against level {nn} players, ridiculous.",
			"Massive lag on the EU servers tonight, {nn}0 ms ping.",
			"Bug: my character gets stuck in the scenery after the chapter {n} cutscene.",
		}},
		{domGame, catIdea, []string{
			"A photo mode in {product} would be a dream.",
			"Could you add a colourblind mode? It would help a lot.",
			"Idea for the next patch: let us replay bosses we've already beaten.",
			"An artbook for {product}? Instant buy.",
			"An official Discord to organise co-op sessions?",
		}},

		{domBakery, catPraise, []string{
			"Had {product} this morning in {city}: unreal {emoji}",
			"Best pastries in the neighbourhood, by far.",
			"Thanks to {name} at the till, always smiling at 7am!",
			"We got {product} for a birthday, everyone loved it.",
			"The bread stays fresh for three days, impressive.",
		}},
		{domBakery, catQuestion, []string{
			"Are you open next {day} in {city}?",
			"Hi, is there any of {product} left in {city}, or is it too late?",
			"Do you do gluten-free cakes?",
			"Can I reserve {n} baguettes for tomorrow at {hour}?",
			"Until what time does delivery run?",
			"Are you hiring apprentices in {city}?",
		}},
		{domBakery, catComplaint, []string{
			"Click & collect order not ready at {hour}, waited {nn} minutes.",
			"The croissants were dry this morning in {city}, shame.",
			"Delivery {n} hours late and the bread was cold.",
			"{price} for the tart and it was burnt underneath.",
			"The {city} shop was closed without notice on {day}, wasted trip.",
			"Till mistake: I was charged for {n} extra pains au chocolat.",
		}},
		{domBakery, catIdea, []string{
			"You should do smaller loaves for people living alone.",
			"A bread of the month with local flour would be lovely!",
			"Tote bags with your logo? I'd buy one.",
		}},

		{domFitness, catPraise, []string{
			"Cracking session this morning in {city}, the coaches are top notch!",
			"Down {nn} pounds since January thanks to the HIIT classes, cheers {brand}!",
			"The gym is always clean, makes all the difference.",
			"Thanks {name} for the custom plan, I'm finally making progress.",
			"Hit a new deadlift PB today, the atmosphere here is unreal {emoji}",
			"The {city} team is so welcoming, never felt judged once.",
		}},
		{domFitness, catQuestion, []string{
			"Can I freeze my membership for {n} weeks?",
			"What time does the {city} gym open on {day}?",
			"How do I book a class in the app?",
			"How many days is the free trial?",
			"Do you have any classes in French in {city}?",
			"Does the basic plan include {product}?",
			"Can I bring a friend for free on {day}?",
		}},
		{domFitness, catComplaint, []string{
			"Charged {price} even though I cancelled last month.",
			"Can't book any class, the app keeps crashing.",
			"The changing rooms in {city} have been dirty for {n} days.",
			"Class cancelled last minute, again.",
			"Way too busy at 6pm, waited {nn} minutes for a rack.",
			"Problems with {feature} since {day}, sort it out please.",
			"Cancelling my membership is impossible, nobody replies.",
		}},
		{domFitness, catIdea, []string{
			"Could you open 24/7 at weekends?",
			"A mobility class on {day} mornings would be great.",
			"An app that shows live occupancy, please!",
			"How about a couples membership?",
			"More early slots for {product} please, 6am would be perfect.",
		}},

		{domBank, catPraise, []string{
			"Brilliant adviser at the {city} branch, mortgage sorted in {n} days.",
			"The app is really well designed, well done.",
			"Instant transfer arrived in {n} seconds, finally!",
			"Thank you {name} for your help on the phone this morning.",
		}},
		{domBank, catQuestion, []string{
			"How do I block my card? Lost it in {city}.",
			"Are instant transfers free?",
			"What's the spending limit on {product}?",
			"I can't approve an online payment, what should I do?",
			"Is {product} still available for under 26s?",
		}},
		{domBank, catComplaint, []string{
			"{price} in fees taken with no explanation, I want to understand.",
			"App down since this morning, can't see my balance.",
			"Card blocked mid-trip and nobody on the phone.",
			"Waiting {nn} days for a fraud refund.",
		}},
		{domBank, catIdea, []string{
			"Virtual cards in the app would be great.",
			"A notification for every direct debit, please.",
		}},

		{domAny, famTitle + catQuestion, []string{
			"Question about {feature}", "[Help] Problem with {feature}",
			"Need help with {product}", "Does anyone know?",
		}},
		{domAny, famTitle + catComplaint, []string{
			"[Bug] Broken: {feature}", "Still no fix",
			"Fed up", "Recurring issue since the update",
		}},
		{domAny, famTitle + catPraise, []string{"Thank you team!", "Positive feedback", "A quick thank-you"}},
		{domAny, famTitle + catIdea, []string{"[Suggestion] {feature}", "Improvement idea", "Proposal for the next version"}},
		{domAny, famTitle + catSpam, []string{"Make money fast", "LIMITED OFFER"}},
		{domAny, famTitle + catToxic, []string{"Disgraceful", "Read this before you get scammed"}},
		{domAny, famTitle + catHostile, []string{"Important notice", "Read urgently"}},
	}
}

func enReviews() []entry {
	return []entry{
		{domAny, reviewFamily(5), []string{
			"Lovely welcome, and {product}: perfect. Will be back!",
			"Nothing to fault, I recommend it without hesitation.",
			"Lovely staff, top quality. Five stars well earned.",
			"Always a pleasure to visit in {city}.",
			"Quick, friendly service, well done {name}.",
		}},
		{domAny, reviewFamily(4), []string{
			"Very good overall, just a bit of a wait.",
			"Good experience. Only weak spot: {feature}.",
			"Top quality, slightly pricey.",
			"Very happy, small niggle with {feature}.",
		}},
		{domAny, reviewFamily(3), []string{
			"Fine, nothing special.",
			"Mixed: happy with {product}, less so with {feature}.",
			"Depends on the day, sometimes great, sometimes not.",
			"Average value for money in {city}.",
		}},
		{domAny, reviewFamily(2), []string{
			"Let down by {product}, not what it used to be.",
			"Endless wait and overworked staff.",
			"Problem with {feature} never solved.",
			"Not great, don't think I'll go back.",
		}},
		{domAny, reviewFamily(1), []string{
			"Avoid. No respect for customers.",
			"Customer service unreachable for {n} weeks.",
			"Awful experience in {city}, nobody apologised.",
			"Charged {price} for nothing, no refund.",
			"Worst experience I've had, zero professionalism.",
		}},
		{domFitness, reviewFamily(5), []string{"Clean gym, motivating coaches, highly recommend!", "Best gym in {city}, the classes are superb."}},
		{domFitness, reviewFamily(4), []string{"Great kit, just gets busy after work."}},
		{domFitness, reviewFamily(3), []string{"Well equipped but packed in the evenings."}},
		{domFitness, reviewFamily(2), []string{"Showers cold three visits in a row."}},
		{domFitness, reviewFamily(1), []string{"Impossible to cancel, still being charged."}},
		{domBakery, reviewFamily(5), []string{"Best baguette in {city}, perfectly crusty."}},
		{domBakery, reviewFamily(1), []string{"Stale bread sold as fresh, unacceptable."}},
		{domBank, reviewFamily(5), []string{"Helpful adviser, loan approved quickly."}},
		{domBank, reviewFamily(1), []string{"Hidden fees everywhere, closing my account."}},
	}
}

// enOwn holds our side: answers and posts.
func enOwn() []entry {
	return []entry{
		{domAny, outThanks, []string{
			"Thank you so much for this, the whole team is chuffed!",
			"Thank you {emoji} We'll pass it on to the {city} team!",
			"So lovely to read, thanks for sticking with us.",
			"Thanks for the feedback, see you soon!",
			"Thank you! Messages like yours keep us going.",
		}},
		{domAny, outAnswer, []string{
			"Hi! Yes, it's planned. We'll keep you posted very soon.",
			"Hi, everything is on our website under Help. Shout if you need anything!",
			"Hi, we've just replied to you by DM.",
			"Good question! We're checking with the team and will get back to you today.",
			"Hi, that's possible: DM us with your order number.",
		}},
		{domAny, outSorry, []string{
			"We're sorry about this. Could you DM us so we can look into your account?",
			"Our apologies. We've passed your message on to the right team.",
			"Thanks for flagging this, we're fixing it as fast as we can.",
			"We understand your frustration. Someone will call you back today.",
			"Sorry for the wait, your request is now a priority.",
		}},
		{domAny, outIdea, []string{
			"Thanks for the suggestion, we're sharing it with the team!",
			"Great idea, noted {emoji}",
			"Thanks! We hear this one a lot, we're looking into it.",
		}},
		{domAny, famPost, []string{
			"Thank you for {nn}k follows! {emoji}",
			"Got a question? Our team answers Monday to Saturday.",
			"New things are coming, stay tuned {emoji}",
		}},
		{domGame, famPost, []string{
			"Patch {version} is live! Bug fixes and improved {feature}.",
			"Dev stream tonight at 8pm on {product}. Bring your questions!",
			"Contest: share your best screenshot for a chance to win {product}!",
		}},
		{domBakery, famPost, []string{
			"New: {product} now available for click & collect.",
			"This weekend, free chouquettes when you buy {product}!",
		}},
		{domFitness, famPost, []string{
			"New mobility class on {day} at {hour} in {city}!",
			"Challenge of the month: {nn} sessions. Who's in?",
			"7-day free trial for every new member.",
			"Meet {name}, our new head coach in {city}.",
			"Bank holiday hours: open from {hour}.",
			"Spin marathon this {day}: {nn} riders already signed up {emoji}",
		}},
		{domBank, famPost, []string{
			"Instant transfers are now free for all customers.",
			"Watch out for phishing: we will never ask for your codes.",
		}},
	}
}
