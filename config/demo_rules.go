package config

import (
	"time"

	"cmdeck/core"
	"cmdeck/rules"
)

// demoRules are the demo workspace's alert rules, as an agency would write
// them for its four clients: the words that mean trouble in each trade (in
// French and English), angry messages, a complaint spike, a two-hour reply
// time in business hours, and the authors who matter.
//
// The spike rules count complaint words, not every message: the demo's live
// stream is far busier than its ten-day backlog, so a raw volume spike
// would fire for every client in the deck's first hour. With the words,
// only PixelForge's crashing patch (providers/demo, crisis.go) trips one.
// SLA zones are left empty: they follow the configured time zone.
func demoRules() []rules.Rule {
	var out []rules.Rule
	for _, group := range [][]rules.Rule{pixelforgeRules(), fournilRules(), ironpulseRules(), lumenRules()} {
		out = append(out, group...)
	}
	return out
}

// threshold is a sentiment threshold, which rules take by pointer.
func threshold(v float64) *float64 { return &v }

func pixelforgeRules() []rules.Rule {
	const c = "pixelforge"
	return []rules.Rule{
		{Name: "crash-sauvegarde", Client: c, Type: rules.TypeKeyword, Severity: core.SeverityCritical,
			Query: "(crash* OR plante* OR corrompu* OR corrupt*) NEAR/6 (sauvegarde* OR save*)"},
		{Name: "remboursement", Client: c, Type: rules.TypeKeyword,
			Query: "rembours* OR refund*"},
		{Name: "colère", Client: c, Type: rules.TypeSentiment, Severity: core.SeverityInfo,
			Threshold: threshold(-0.75)},
		{Name: "pic-négatif", Client: c, Type: rules.TypeSpike, Severity: core.SeverityCritical,
			Query:         "crash* OR plante* OR bug* OR injouable OR unplayable OR corrompu* OR corrupt* OR rembours* OR refund*",
			BaselineHours: 24, Factor: 3, MinCount: 10},
		{Name: "délai-réponse", Client: c, Type: rules.TypeSLA,
			Within: 2 * time.Hour, BusinessHours: "mon-fri 09:00-19:00; sat 10:00-16:00"},
		{Name: "influenceurs", Client: c, Type: rules.TypeVIP,
			MinFollowers: 20000, Marked: true},
	}
}

func fournilRules() []rules.Rule {
	const c = "fournil"
	return []rules.Rule{
		{Name: "hygiène", Client: c, Type: rules.TypeKeyword, Severity: core.SeverityCritical,
			Query: `intoxication OR "mal au ventre" OR moisi* OR cheveu* OR insecte*`},
		{Name: "remboursement", Client: c, Type: rules.TypeKeyword,
			Query: `rembours* OR "pas reçu" OR refund*`},
		{Name: "avis-négatif", Client: c, Type: rules.TypeSentiment,
			Threshold: threshold(-0.6), Query: "kind:review"},
		{Name: "pic-de-plaintes", Client: c, Type: rules.TypeSpike, Severity: core.SeverityCritical,
			Query:         `rembours* OR déçu* OR décevant* OR "pas reçu" OR intoxication OR "mal au ventre"`,
			BaselineHours: 24, Factor: 4, MinCount: 10},
		{Name: "délai-réponse", Client: c, Type: rules.TypeSLA,
			Within: 2 * time.Hour, BusinessHours: "tue-sat 07:00-13:00,15:00-19:30; sun 07:00-13:00"},
		{Name: "critiques-et-influence", Client: c, Type: rules.TypeVIP, Severity: core.SeverityCritical,
			MinFollowers: 10000, Marked: true},
	}
}

func ironpulseRules() []rules.Rule {
	const c = "ironpulse"
	return []rules.Rule{
		{Name: "injury", Client: c, Type: rules.TypeKeyword, Severity: core.SeverityCritical,
			Query: `injur* OR ambulance OR unsafe OR blessé* OR blessure*`},
		{Name: "billing", Client: c, Type: rules.TypeKeyword,
			Query: `refund* OR overcharg* OR "charged twice" OR (cancel* NEAR/3 membership) OR rembours*`},
		{Name: "angry", Client: c, Type: rules.TypeSentiment, Severity: core.SeverityInfo,
			Threshold: threshold(-0.75)},
		{Name: "complaint-spike", Client: c, Type: rules.TypeSpike, Severity: core.SeverityCritical,
			Query:         `refund* OR cancel* OR broken OR dirty OR rude OR scam OR rembours*`,
			BaselineHours: 24, Factor: 3, MinCount: 10},
		{Name: "reply-time", Client: c, Type: rules.TypeSLA,
			Within: 2 * time.Hour, BusinessHours: "weekdays 07:00-21:00; weekends 09:00-17:00"},
		{Name: "influencers", Client: c, Type: rules.TypeVIP,
			MinFollowers: 15000, Marked: true},
	}
}

func lumenRules() []rules.Rule {
	const c = "banque-lumen"
	return []rules.Rule{
		{Name: "fraude", Client: c, Type: rules.TypeKeyword, Severity: core.SeverityCritical,
			Query: `fraude* OR arnaque* OR piratage OR phishing OR hameçonnage OR fraud* OR scam*`},
		{Name: "données-sensibles", Client: c, Type: rules.TypeKeyword, Severity: core.SeverityCritical,
			Query: `iban OR "numéro de carte" OR "code secret" OR "card number"`},
		{Name: "mécontentement", Client: c, Type: rules.TypeSentiment, Severity: core.SeverityInfo,
			Threshold: threshold(-0.75)},
		{Name: "pic-incident", Client: c, Type: rules.TypeSpike, Severity: core.SeverityCritical,
			Query:         `panne OR bloqué* OR fraude* OR arnaque* OR piratage OR outage OR blocked`,
			BaselineHours: 24, Factor: 3, MinCount: 10},
		{Name: "délai-réponse", Client: c, Type: rules.TypeSLA,
			Within: 2 * time.Hour, BusinessHours: "mon-fri 09:00-18:00"},
		{Name: "vip", Client: c, Type: rules.TypeVIP,
			MinFollowers: 10000, Marked: true},
	}
}
