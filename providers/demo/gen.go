package demo

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"cmdeck/core"
)

// generator produces one account's items. Item number seq is a pure function
// of (account seed, seq) plus the time the caller gives it, so the backlog,
// the live trickle and the bulk generator share one model of the community,
// and a reply can recompute its thread root instead of remembering it.
type generator struct {
	acct  core.Account
	seed  uint64
	net   netProfile
	brand brandProfile
	cat   *catalog
	w     *words
	sl    slotter
	code  string // network code used in remote ids ("chirper")
	tok   string // short account token, for ids that must be unique beyond the account
	base  string // URL prefix of the account
	ns    string // remote id namespace: "" for backlog and live, "b" for bulk

	// outUpTo is the last seq that may be one of our own replies: the
	// backlog shows past answers, but nobody answers for the CM live.
	outUpTo int
	// hostileSeq is the one backlog item forced to carry a hostile payload
	// (0 = none); after hostileAfter, hostile roots appear at random.
	hostileSeq   int
	hostileAfter int
}

// accountSeed is what makes two accounts different communities. The network
// is part of it because one handle often exists on several networks.
func accountSeed(seed int64, a core.Account) uint64 {
	return hash(uint64(seed), hashString(strings.ToLower(a.Network)), hashString(a.Handle))
}

func newGenerator(a core.Account, seed int64, cat *catalog, w *words) *generator {
	g := &generator{acct: a, seed: accountSeed(seed, a), net: networkProfile(a.Network),
		brand: brandFor(a.ClientSlug), cat: cat, w: w}
	if g.brand.name == a.ClientSlug && a.Name != "" {
		g.brand.name = a.Name
	}
	if g.brand.name == "" {
		g.brand.name = a.Handle
	}
	g.sl = slotter{w: w, brand: &g.brand}
	g.code = asciiWord(strings.ToLower(g.net.name))
	if g.code == "" {
		g.code = "demo"
	}
	g.tok = fmt.Sprintf("%06x", g.seed>>40)
	path := asciiWord(strings.ToLower(g.w.fold.Replace(a.Handle)))
	if path == "" {
		path = "account"
	}
	g.base = "https://" + g.net.host + "/" + path
	return g
}

// backlogSize is how many items the first fetch returns (40 to 80).
func (g *generator) backlogSize() int { return 40 + int(hash(g.seed, saltSeed)%41) }

// live configures the generator for the backlog-then-trickle provider.
func (g *generator) live() *generator {
	n := g.backlogSize()
	g.outUpTo, g.hostileAfter = n, n
	if !g.net.reviews {
		g.hostileSeq = g.firstBasicRootFrom(1 + int(hash(g.seed, saltHostile)%uint64(n)))
	}
	return g
}

// bulk configures the generator for GenerateItems.
func (g *generator) bulk() *generator {
	g.ns, g.outUpTo, g.hostileSeq, g.hostileAfter = "b", int(^uint(0)>>1), 0, 0
	return g
}

func (g *generator) remoteID(seq int) string {
	return g.code + "-" + g.ns + strconv.Itoa(seq)
}

// basicRoot says whether seq starts a conversation by its own draw. Only
// basic roots are chosen as thread roots, which keeps rootOf free of
// recursion.
func (g *generator) basicRoot(seq int) bool {
	if seq <= 1 {
		return true
	}
	if !g.net.incoming && seq > g.outUpTo {
		return true // nobody but us answers here, and we don't answer live
	}
	return unit(g.seed, saltRoot, uint64(seq)) < g.net.rootShare
}

func (g *generator) firstBasicRootFrom(seq int) int {
	for k := seq; k < seq+200; k++ {
		if g.basicRoot(k) {
			return k
		}
	}
	return 0
}

// rootOf finds the conversation a non-root seq answers: a basic root a few
// items back. ok is false when none is near, and seq is then a root itself.
func (g *generator) rootOf(seq int) (root int, ok bool) {
	off := int(hash(g.seed, saltOff, uint64(seq)) % 6)
	start := seq - 1 - off
	if start < 1 {
		start = seq - 1
	}
	for k := start; k >= 1 && k >= seq-40; k-- {
		if g.basicRoot(k) {
			return k, true
		}
	}
	return 0, false
}

// rootMeta is what replies need to know about their conversation's root.
type rootMeta struct {
	cat   string
	stars int
	lang  string
	kind  core.ItemKind
}

func (g *generator) rootInfo(seq int) rootMeta {
	m := rootMeta{cat: g.rootCat(seq)}
	if m.cat == catReview {
		r := newRNG(g.seed, saltCat, uint64(seq), 1)
		m.stars = 5 - weighted(r, []float64{0.38, 0.24, 0.12, 0.11, 0.15})
	}
	m.lang = g.brand.primary
	if unit(g.seed, saltLang, uint64(seq)) < g.brand.other {
		m.lang = g.brand.secondary()
	}
	m.kind = g.net.kinds[weighted(newRNG(g.seed, saltKind, uint64(seq)), g.net.weight)]
	return m
}

func (g *generator) rootCat(seq int) string {
	if g.net.reviews {
		return catReview
	}
	if seq == g.hostileSeq || (seq > g.hostileAfter && unit(g.seed, saltHostile, uint64(seq)) < 0.004) {
		return catHostile
	}
	cats := [...]string{catPraise, catQuestion, catComplaint, catIdea, catSpam, catToxic}
	return cats[weighted(newRNG(g.seed, saltCat, uint64(seq)), []float64{0.24, 0.26, 0.19, 0.1, 0.12, 0.09})]
}

// answerable says whether a CM would publicly answer a conversation.
func answerable(cat string) bool {
	return cat != catSpam && cat != catToxic && cat != catHostile
}

// candidateOut says whether seq would be one of our replies if it answers a
// conversation worth answering.
func (g *generator) candidateOut(seq int) bool {
	return seq <= g.outUpTo && unit(g.seed, saltOut, uint64(seq)) < g.net.outShare
}

// isOut says whether reply seq (in the conversation rooted at root) is ours:
// we answer a conversation once, with its first candidate reply.
func (g *generator) isOut(seq, root int) bool {
	if !g.candidateOut(seq) || !answerable(g.rootCat(root)) {
		return false
	}
	for k := seq - 1; k > root; k-- {
		if g.candidateOut(k) && g.member(k, root) {
			return false
		}
	}
	return true
}

// member says whether non-root k belongs to the conversation rooted at root.
func (g *generator) member(k, root int) bool {
	if g.basicRoot(k) {
		return false
	}
	r, ok := g.rootOf(k)
	return ok && r == root
}

// shape is an item's place in its conversation.
type shape struct {
	root         bool
	rootSeq, par int
	out          bool
}

func (g *generator) shapeOf(seq int) shape {
	if g.basicRoot(seq) {
		return shape{root: true, rootSeq: seq}
	}
	root, ok := g.rootOf(seq)
	if !ok {
		return shape{root: true, rootSeq: seq}
	}
	if g.isOut(seq, root) {
		return shape{rootSeq: root, par: root, out: true}
	}
	if !g.net.incoming {
		return shape{root: true, rootSeq: seq}
	}
	par := root
	if unit(g.seed, saltParent, uint64(seq)) >= 0.5 {
		// Answer the latest message of the conversation instead.
		for k := seq - 1; k > root; k-- {
			if g.member(k, root) {
				par = k
				break
			}
		}
	}
	return shape{rootSeq: root, par: par}
}

// answered says whether one of our backlog replies answers root.
func (g *generator) answered(root int) bool {
	if !answerable(g.rootCat(root)) {
		return false
	}
	for k := root + 1; k <= root+48 && k <= g.outUpTo; k++ {
		if g.candidateOut(k) && g.member(k, root) {
			return true
		}
	}
	return false
}

// dayOf numbers days since the Unix epoch, UTC.
func dayOf(t time.Time) int64 { return t.UTC().Unix() / 86400 }
