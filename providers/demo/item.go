package demo

import (
	"strings"
	"time"

	"cmdeck/core"
)

// item builds item seq of the account, created at t. Callers pass times that
// grow with seq, so a reply is always younger than what it answers.
func (g *generator) item(seq int, t time.Time) core.Item {
	sh := g.shapeOf(seq)
	root := g.rootInfo(sh.rootSeq)
	it := core.Item{
		AccountID: g.acct.ID, ClientID: g.acct.ClientID,
		RemoteID: g.remoteID(seq), Lang: root.lang, CreatedAt: t.UTC(), State: core.StateNew,
	}
	r := newRNG(g.seed, saltText, uint64(seq))
	cat, stars := root.cat, root.stars
	switch {
	case sh.out:
		it.Kind, it.Outgoing, it.State = core.KindReply, true, core.StateDone
		it.Author = g.self(dayOf(t))
		it.Body = g.ownReply(r, root)
		cat = ""
	case sh.root:
		it.Kind = root.kind
		it.Author = g.authorFor(newRNG(g.seed, saltAuthor, uint64(seq)), cat)
		it.Body = g.rootBody(r, root)
	default:
		it.Kind = root.kind
		afterUs := sh.par != sh.rootSeq && g.isOut(sh.par, sh.rootSeq)
		stars = 0
		if root.kind == core.KindDM {
			// A private conversation has two people, the customer and us:
			// the same author goes on, in the same vein.
			cat = dmReplyCat(r, root.cat, afterUs)
			it.Author = g.authorFor(newRNG(g.seed, saltAuthor, uint64(sh.rootSeq)), root.cat)
		} else {
			cat = g.replyCat(r, root.cat, afterUs)
			it.Author = g.authorFor(newRNG(g.seed, saltAuthor, uint64(seq)), cat)
		}
		it.Body = g.text(r, root.lang, cat)
	}
	if !sh.root {
		it.ParentRemoteID = g.remoteID(sh.par)
		it.ThreadRemoteID = g.remoteID(sh.rootSeq)
	} else if it.Kind == core.KindComment {
		// A comment that opens a conversation answers one of our posts;
		// it stays its thread's root, so its replies' thread is unchanged.
		it.ParentRemoteID, _ = g.postBefore(t)
	}
	it.URL = g.url(it)
	g.judge(&it, r, cat, stars)
	if sh.root && it.NeedsReply && seq < g.outUpTo && g.answered(seq) {
		it.NeedsReply, it.State = false, core.StateReplied
	}
	return it
}

// rootBody writes the text that opens a conversation.
func (g *generator) rootBody(r *rng, m rootMeta) string {
	switch {
	case m.cat == catHostile:
		return pick(r, g.w.hostile[m.lang])
	case m.cat == catReview:
		body := g.sl.fill(r, m.lang, g.cat.choose(r, m.lang, g.brand.domain, reviewFamily(m.stars)))
		return starLine(m.stars) + " " + body
	}
	body := g.text(r, m.lang, m.cat)
	if g.net.forum && m.kind == core.KindForum {
		if title := g.sl.fill(r, m.lang, g.cat.choose(r, m.lang, g.brand.domain, famTitle+m.cat)); title != "" {
			return title + "\n\n" + body
		}
	}
	return body
}

// text fills a template of the category.
func (g *generator) text(r *rng, lang, cat string) string {
	if cat == catHostile {
		return pick(r, g.w.hostile[lang])
	}
	return g.sl.fill(r, lang, g.cat.choose(r, lang, g.brand.domain, cat))
}

// ownReply is what the CM answered, chosen by what was said.
func (g *generator) ownReply(r *rng, m rootMeta) string {
	fam := outAnswer
	switch m.cat {
	case catPraise:
		fam = outThanks
	case catComplaint:
		fam = outSorry
	case catIdea:
		fam = outIdea
	case catReview:
		fam = outSorry
		if m.stars >= 4 {
			fam = outThanks
		}
	}
	body := g.sl.fill(r, m.lang, g.cat.choose(r, m.lang, g.brand.domain, fam))
	if r.float() < 0.5 {
		body += " ^" + pick(r, g.brand.staff) // CMs sign their answers
	}
	return body
}

// replyCat is what someone says when joining a conversation.
func (g *generator) replyCat(r *rng, rootCat string, afterUs bool) string {
	if afterUs {
		if r.float() < 0.55 {
			return catThanks
		}
		return catMeToo
	}
	cats := [...]string{catMeToo, catQuestion, catComplaint, catPraise, catToxic, catSpam, catIdea, catThanks}
	switch rootCat {
	case catQuestion, catComplaint:
		return cats[weighted(r, []float64{0.35, 0.15, 0.15, 0.1, 0.08, 0.05, 0.05, 0.07})]
	case catSpam, catToxic, catHostile:
		return cats[weighted(r, []float64{0.05, 0.1, 0.2, 0.1, 0.3, 0.25, 0, 0})]
	}
	return cats[weighted(r, []float64{0.05, 0.15, 0.05, 0.45, 0.1, 0.1, 0.1, 0})]
}

// dmReplyCat is how the customer goes on in a private conversation: a bot
// keeps spamming, a troll keeps insulting, others follow up.
func dmReplyCat(r *rng, rootCat string, afterUs bool) string {
	switch rootCat {
	case catSpam, catHostile:
		return catSpam
	case catToxic:
		return catToxic
	}
	if afterUs {
		if r.float() < 0.6 {
			return catThanks
		}
		return catMeToo
	}
	cats := [...]string{catQuestion, catComplaint, catMeToo, catPraise, catIdea}
	return cats[weighted(r, []float64{0.35, 0.2, 0.25, 0.1, 0.1})]
}

// judge sets sentiment, need for a reply and network flags from the
// category the text was written for.
func (g *generator) judge(it *core.Item, r *rng, cat string, stars int) {
	lo, hi := 0.3, 0.6 // our own replies: polite
	switch cat {
	case catPraise:
		lo, hi = 0.55, 0.95
	case catThanks:
		lo, hi = 0.4, 0.8
	case catIdea:
		lo, hi = 0.15, 0.45
	case catQuestion:
		lo, hi = -0.15, 0.2
	case catComplaint:
		lo, hi = -0.9, -0.4
	case catMeToo:
		lo, hi = -0.7, -0.3
	case catToxic:
		lo, hi = -1, -0.75
	case catSpam:
		lo, hi = -0.1, 0.3 // spam sounds cheerful; that is the trap
	case catHostile:
		lo, hi = -0.2, 0.1
	case catReview:
		bands := [...][2]float64{{-1, -0.7}, {-0.6, -0.35}, {-0.15, 0.15}, {0.3, 0.6}, {0.7, 1}}
		b := bands[max(1, min(5, stars))-1]
		lo, hi = b[0], b[1]
	}
	it.SentimentScore = float64(int((lo+(hi-lo)*r.float())*100)) / 100
	switch {
	case it.SentimentScore >= 0.25:
		it.Sentiment = core.SentimentPositive
	case it.SentimentScore <= -0.25:
		it.Sentiment = core.SentimentNegative
	default:
		it.Sentiment = core.SentimentNeutral
	}
	if it.Outgoing {
		return
	}
	switch cat {
	case catQuestion, catComplaint, catMeToo:
		it.NeedsReply = true
	case catReview:
		it.NeedsReply = stars <= 3
	case catPraise, catIdea:
		it.NeedsReply = it.Kind == core.KindDM // a private message expects an answer
	case catSpam:
		it.Tags = []string{"spam-suspect"}
	case catToxic:
		it.Tags = []string{"toxic"}
	case catHostile:
		it.Tags = []string{"suspicious"}
	}
}

// url is the item's synthetic address on its network.
func (g *generator) url(it core.Item) string {
	if it.Kind == core.KindDM {
		return "https://" + g.net.host + "/messages/" + it.RemoteID
	}
	var b strings.Builder
	b.WriteString(g.base)
	b.WriteString("/")
	b.WriteString(it.RemoteID)
	return b.String()
}
