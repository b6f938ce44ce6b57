package demo

import (
	"strconv"
	"strings"
	"time"

	"cmdeck/core"
)

// The demo's crisis: a few minutes after the first sync, PixelForge's
// latest patch starts crashing games and corrupting saves, and a dozen
// players say so on Chirper within ten minutes, in French and English.
// It is what the Alerts pane is for: the demo's rules (config.DemoDefaults)
// see a spike of complaints and a critical keyword, once, while the deck
// is open. Like everything in the demo it is a pure function of the seed,
// the account and the time of the first sync, which the cursor keeps.
const (
	crisisClient  = "pixelforge"
	crisisNetwork = "Chirper"
	crisisDelay   = 3 * time.Minute  // after the first sync
	crisisSpan    = 10 * time.Minute // from the first message to the last
	// crisisMargin keeps the burst this far from the end of its clock
	// hour: spikes are counted per hour, and the last messages are synced
	// (and evaluated) up to a sync interval after they are written.
	crisisMargin = 2 * time.Minute
	hourMs       = int64(time.Hour / time.Millisecond)
)

// crisisPost is one message of the burst.
type crisisPost struct {
	lang, text string
}

// crisisPosts are the burst's messages, in order. {version} is the patch.
func crisisPosts() []crisisPost {
	return []crisisPost{
		{"fr", "Le patch {version} plante au chargement de la sauvegarde. Impossible de jouer ce soir 😡"},
		{"en", "Patch {version} crashes every time I load my save. Unplayable."},
		{"fr", "Même chose ici : crash direct dès qu'on charge sa sauvegarde. Vous testez vos patchs ?"},
		{"fr", "40 heures de jeu et ma sauvegarde est corrompue depuis le patch {version}. Je veux un remboursement."},
		{"en", "Same here, instant crash on loading a save since the update. Please roll it back."},
		{"fr", "Ça plante à chaque lancement depuis la mise à jour de ce soir. Injouable."},
		{"en", "The update corrupted my save file, 60 hours gone. Refund please."},
		{"fr", "Retirez ce patch, le jeu crashe en boucle au chargement de la partie."},
		{"en", "Game crashes on startup after tonight's patch {version}. Any ETA on a fix?"},
		{"fr", "Sauvegarde cloud corrompue après le patch, j'ai tout perdu. Bravo…"},
		{"fr", "Le jeu plante quand je charge ma partie. Troisième fois ce soir."},
		{"en", "Crash loop since patch {version}, can't even reach the menu. Not ok."},
	}
}

// hasCrisis says whether this account lives through the crisis.
func (g *generator) hasCrisis() bool {
	return g.acct.ClientSlug == crisisClient && g.net.name == crisisNetwork
}

// crisisStart is when the burst begins for a first sync at origin (unix
// ms): crisisDelay later, or at the next clock hour when the burst would
// not fit before the end of this one.
func crisisStart(origin int64) int64 {
	start := origin + crisisDelay.Milliseconds()
	hourEnd := (start/hourMs + 1) * hourMs
	if start+(crisisSpan+crisisMargin).Milliseconds() >= hourEnd {
		start = hourEnd + 30_000
	}
	return start
}

// arrival is when one message reaches the account: a message of the
// ordinary stream (crisis < 0) or the burst's message number crisis.
type arrival struct {
	ms     int64
	crisis int
}

// crisisArrivals lists the burst's messages that arrive in (from, to], in
// order. An origin of 0 (a cursor from before the crisis existed) has none.
func (g *generator) crisisArrivals(origin, from, to int64) []arrival {
	if origin <= 0 || !g.hasCrisis() {
		return nil
	}
	start := crisisStart(origin)
	n := len(crisisPosts())
	step := crisisSpan.Milliseconds() / int64(n)
	var out []arrival
	for i := range n {
		// Each message lands somewhere in its own slot, so they stay in order.
		ms := start + int64(i)*step + int64(unit(g.seed, saltCrisis, uint64(i))*float64(step))
		if ms > from && ms <= to {
			out = append(out, arrival{ms: ms, crisis: i})
		}
	}
	return out
}

// crisisItem is the burst's message i, arriving at t: an angry mention or
// comment from one of the regulars, waiting for an answer.
func (g *generator) crisisItem(i int, t time.Time) core.Item {
	p := crisisPosts()[i]
	r := newRNG(g.seed, saltCrisis, uint64(i), 1)
	it := core.Item{
		AccountID: g.acct.ID, ClientID: g.acct.ClientID,
		RemoteID: g.code + "-x" + strconv.Itoa(i), Lang: p.lang, CreatedAt: t.UTC(),
		State: core.StateNew, Kind: core.KindMention, NeedsReply: true,
		Author: g.author(poolRegular, (i*7+int(hash(g.seed, saltCrisis)%uint64(regulars)))%regulars),
		Body:   strings.ReplaceAll(p.text, "{version}", g.crisisVersion()),
	}
	if i%3 == 2 {
		it.Kind = core.KindComment
	}
	it.SentimentScore = float64(int((-0.95+0.35*r.float())*100)) / 100
	it.Sentiment = core.SentimentNegative
	it.URL = g.url(it)
	return it
}

// crisisVersion is the patch everyone complains about, the same in every
// message.
func (g *generator) crisisVersion() string {
	r := newRNG(g.seed, saltCrisis, 1<<32)
	return "3." + strconv.Itoa(r.between(4, 9)) + "." + strconv.Itoa(r.intn(10))
}
