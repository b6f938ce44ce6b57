package demo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"cmdeck/core"
)

// Author pools. Each account has its own community, drawn from its seed:
// regulars who come back often, a few influencers, spam bots and trolls.
const (
	poolRegular = iota + 1
	poolVIP
	poolBot
	poolTroll

	regulars = 48
	vips     = 6
	bots     = 5
	trolls   = 4
)

// authorFor picks who writes an item of the given category.
func (g *generator) authorFor(r *rng, cat string) core.Author {
	switch cat {
	case catSpam, catHostile:
		return g.author(poolBot, r.intn(bots))
	case catToxic:
		if r.float() < 0.8 {
			return g.author(poolTroll, r.intn(trolls))
		}
	}
	if r.float() < 0.06 {
		return g.author(poolVIP, r.intn(vips))
	}
	// Squaring the draw favours low indexes: a core of regulars writes most.
	u := r.float()
	return g.author(poolRegular, int(float64(regulars)*u*u))
}

// author is a pure function of (account seed, pool, index): the same person
// always has the same name, handle and audience.
func (g *generator) author(pool, idx int) core.Author {
	r := newRNG(g.seed, saltPeople, uint64(pool), uint64(idx))
	lang := g.brand.primary
	if r.float() < g.brand.other+0.1 {
		lang = g.brand.secondary()
	}
	first := pick(r, g.w.first[lang])
	last := pick(r, g.w.last[lang])
	a := core.Author{
		Network:  g.net.name,
		RemoteID: fmt.Sprintf("u%012x", hash(g.seed, saltPeople, uint64(pool), uint64(idx))>>16),
	}
	switch pool {
	case poolVIP:
		a.Name = first + " " + last
		a.Followers = int(math.Exp(math.Log(10000) + r.float()*(math.Log(500000)-math.Log(10000))))
		a.VIP = true
		a.Handle = g.handle(first, last, pick(r, g.w.vipSuffix))
	case poolBot:
		a.Name = pick(r, g.w.bots)
		a.Followers = r.between(0, 300)
		a.Handle = g.handle(a.Name, "", strconv.Itoa(r.between(1000, 9999)))
	case poolTroll:
		a.Name = first + " " + initial(last) + "."
		a.Followers = r.between(0, 150)
		a.Handle = g.handle(first, "", strconv.Itoa(r.between(10, 999)))
	default:
		a.Name = first + " " + initial(last) + "."
		u := r.float()
		a.Followers = 10 + int(1990*u*u*u)
		suffix := ""
		if r.float() < 0.4 {
			suffix = strconv.Itoa(r.between(1, 99))
		}
		a.Handle = g.handle(first, initial(last), suffix)
	}
	return a
}

// handle formats a handle the way the network writes them.
func (g *generator) handle(first, last, suffix string) string {
	f := strings.ToLower(g.w.fold.Replace(first))
	l := strings.ToLower(g.w.fold.Replace(last))
	// Keep ASCII letters and digits only: bot names carry emoji.
	f, l = asciiWord(f), asciiWord(l)
	switch g.net.style {
	case "review":
		if l == "" {
			return first
		}
		return first + " " + strings.ToUpper(l[:1]) + "."
	case "forum":
		if l == "" {
			return upperFirst(f) + suffix
		}
		return upperFirst(f) + "_" + strings.ToUpper(l[:1]) + suffix
	case "dot":
		return "@" + join(f, l, ".") + suffix
	}
	return "@" + join(f, l, "_") + suffix
}

// self is our own account, as the author of our replies, with its audience
// on the given day.
func (g *generator) self(day int64) core.Author {
	return core.Author{
		Network: g.net.name, RemoteID: "self:" + g.acct.Handle, Handle: g.acct.Handle,
		Name: g.brand.name, Followers: g.followers(day),
	}
}

// initial is the first letter of a name.
func initial(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func asciiWord(s string) string {
	var b strings.Builder
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func join(a, b, sep string) string {
	if b == "" {
		return a
	}
	return a + sep + b
}
