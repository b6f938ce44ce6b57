package config

import (
	"slices"
	"strings"

	"cmdeck/rules"
)

// SavedFilter is a named inbox filter. Query uses the inbox's filter syntax
// ("client:fournil needs:reply kind:review" plus free words); the inbox
// parses it, config only requires it to be non-empty.
type SavedFilter struct {
	Name  string `mapstructure:"name"`
	Query string `mapstructure:"query"`
}

// ReplyTemplate is a saved reply as written in the file. Text may use the
// variables of core.ExpandTemplate: {author}, {first_name}, {handle},
// {client} (or {brand}) and {network}.
type ReplyTemplate struct {
	Name string `mapstructure:"name"`
	Text string `mapstructure:"text"`
}

// Template is a saved reply ready for the deck: Client is the slug of the
// client it belongs to, "" for one offered on every client's items.
type Template struct {
	Name   string
	Client string
	Text   string
}

// DefaultTags is the tag vocabulary when config sets none. Tags are data
// (what the export groups by), so they stay short English words whatever
// the interface language; a French team may configure its own.
func DefaultTags() []string {
	return []string{"idea", "criticism", "question", "complaint", "bug"}
}

// defaultActor names the CM in the audit log when cm.name is empty.
const defaultActor = "cm"

// Actor is who acts in the outbox and the audit log: cm.name, else "cm".
func (c *Config) Actor() string {
	if name := strings.TrimSpace(c.CM.Name); name != "" {
		return name
	}
	return defaultActor
}

// Templates lists the saved replies: the shared ones first, then each
// client's, in the file's order.
func (c *Config) Templates() []Template {
	var out []Template
	for _, t := range c.ReplyTemplates {
		out = append(out, Template{Name: t.Name, Text: t.Text})
	}
	for _, cl := range c.Clients {
		for _, t := range cl.ReplyTemplates {
			out = append(out, Template{Name: t.Name, Client: cl.Slug, Text: t.Text})
		}
	}
	return out
}

// Filters lists the saved filters in the file's order.
func (c *Config) Filters() []SavedFilter { return slices.Clone(c.SavedFilters) }

// TagList is the tag vocabulary: the configured tags, or DefaultTags for a
// Config that was not loaded from a file (Load applies the default too).
func (c *Config) TagList() []string {
	if c.Tags == nil {
		return DefaultTags()
	}
	return slices.Clone(c.Tags)
}

// DemoSettings are what a config file would set for the demo workspace.
type DemoSettings struct {
	Templates []Template
	Filters   []SavedFilter
	Tags      []string
	// Slots are each demo client's queue slots, by client slug; every
	// account of the client shares them.
	Slots map[string][]string
	// Rules are the demo clients' alert rules (see demo_rules.go), each
	// with its client set.
	Rules []rules.Rule
}

// DemoDefaults are the saved replies, saved filters, tags and queue slots
// of the demo workspace (no config file), written for its clients:
// pixelforge, fournil, ironpulse and banque-lumen.
func DemoDefaults() DemoSettings {
	templates := []Template{
		{Name: "merci", Text: "Merci {first_name} pour votre message ! Belle journée de la part de toute l'équipe {brand}."},
		{Name: "thanks", Text: "Thanks {first_name}, we really appreciate it! — The {brand} team"},
		{Name: "mp", Text: "Bonjour {first_name}, pouvez-vous nous écrire en message privé ? Nous regardons cela au plus vite."},
		{Name: "dm", Text: "Hi {first_name}, could you send us a direct message? We'll look into it right away."},
		{Name: "bug", Client: "pixelforge", Text: "Merci {first_name} pour le signalement ! Pouvez-vous nous envoyer en MP votre plateforme et la version du jeu ? L'équipe technique regarde."},
		{Name: "avis-negatif", Client: "fournil", Text: "Bonjour {first_name}, merci d'avoir pris le temps de nous laisser un avis. Nous sommes désolés de cette expérience : passez nous voir en boutique, nous aimerions nous rattraper. — {brand}"},
		{Name: "membership", Client: "ironpulse", Text: "Hi {first_name}, sorry about that! Please DM us your membership number and our team will sort it out today."},
		{Name: "securite", Client: "banque-lumen", Text: "Bonjour {first_name}, pour votre sécurité, ne partagez jamais vos coordonnées bancaires ici. Écrivez-nous en message privé, un conseiller vous répond."},
	}
	filters := []SavedFilter{
		{Name: "À répondre", Query: "needs:reply"},
		{Name: "Fournil : avis à traiter", Query: "client:fournil kind:review needs:reply"},
		{Name: "PixelForge négatif", Query: "client:pixelforge sentiment:negative"},
		{Name: "IronPulse reviews", Query: "client:ironpulse kind:review"},
		{Name: "Lumen forum", Query: "client:banque-lumen network:ForumPlus"},
		{Name: "Idées", Query: "tag:idea"},
	}
	return DemoSettings{Templates: templates, Filters: filters, Tags: DefaultTags(), Slots: demoSlots(), Rules: demoRules()}
}

// demoSlots fit each demo brand's audience: gamers in the evening, bakery
// customers before work, gym-goers early and after work, bank customers
// during office hours.
func demoSlots() map[string][]string {
	return map[string][]string{
		"pixelforge":   {"weekdays 12:30", "weekdays 18:00", "sat-sun 15:00"},
		"fournil":      {"daily 07:30", "sat 10:00"},
		"ironpulse":    {"weekdays 06:30", "weekdays 17:30", "sun 09:00"},
		"banque-lumen": {"weekdays 09:00", "weekdays 12:30"},
	}
}
