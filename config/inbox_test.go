package config

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"cmdeck/core"
)

const inboxFile = `
cm:
  name: Camille Martin
saved_filters:
  - name: Fournil à répondre
    query: client:fournil needs:reply
  - name: Ideas
    query: tag:idea
reply_templates:
  - name: merci
    text: "Merci {first_name} !"
  - name: thanks
    text: |
      Thanks {author},
      the {brand} team
tags: [idee, bug, demande-client]
clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: "@lefournil"
    reply_templates:
      - name: merci
        text: "Merci {first_name}, à bientôt au {client} !"
`

func TestLoadInboxSettings(t *testing.T) {
	c, _, err := Load(Options{File: writeConfig(t, inboxFile), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	wantFilters := []SavedFilter{{"Fournil à répondre", "client:fournil needs:reply"}, {"Ideas", "tag:idea"}}
	if got := c.Filters(); !slices.Equal(got, wantFilters) {
		t.Errorf("Filters() = %v, want %v", got, wantFilters)
	}
	wantTemplates := []Template{
		{Name: "merci", Text: "Merci {first_name} !"},
		{Name: "thanks", Text: "Thanks {author},\nthe {brand} team\n"},
		{Name: "merci", Client: "fournil", Text: "Merci {first_name}, à bientôt au {client} !"},
	}
	if got := c.Templates(); !slices.Equal(got, wantTemplates) {
		t.Errorf("Templates() =\n%q\nwant\n%q", got, wantTemplates)
	}
	if got := c.TagList(); !slices.Equal(got, []string{"idee", "bug", "demande-client"}) {
		t.Errorf("TagList() = %v", got)
	}
	if c.Actor() != "Camille Martin" {
		t.Errorf("Actor() = %q", c.Actor())
	}
}

func TestInboxDefaults(t *testing.T) {
	c, _, err := Load(Options{File: writeConfig(t, minimal), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.TagList(); !slices.Equal(got, DefaultTags()) {
		t.Errorf("TagList() without tags: = %v, want the defaults", got)
	}
	if len(c.Templates()) != 0 || len(c.Filters()) != 0 {
		t.Errorf("templates %v, filters %v: want none", c.Templates(), c.Filters())
	}
	if c.Actor() != "cm" {
		t.Errorf("Actor() without cm.name = %q, want cm", c.Actor())
	}
	if got := (&Config{}).TagList(); !slices.Equal(got, DefaultTags()) {
		t.Errorf("TagList() of a Config built in code = %v, want the defaults", got)
	}
	tags := c.TagList()
	tags[0] = "changed"
	defaults := DefaultTags()
	defaults[1] = "changed"
	if c.TagList()[0] == "changed" || DefaultTags()[1] == "changed" {
		t.Error("TagList or DefaultTags hand out shared state")
	}
}

func TestValidateInboxProblems(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(c *Config)
		want    []Problem
	}{
		{"filter without name or query", func(c *Config) {
			c.SavedFilters = []SavedFilter{{Name: " ", Query: ""}}
		}, []Problem{
			{Path: "saved_filters[0].name", Message: `required (e.g. "Needs reply")`},
			{Path: "saved_filters[0].query", Message: `required (e.g. "client:fournil needs:reply")`},
		}},
		{"duplicate filter names ignore case", func(c *Config) {
			c.SavedFilters = []SavedFilter{{"Urgent", "needs:reply"}, {"x", "y"}, {"urgent ", "is:unread"}}
		}, []Problem{{Path: "saved_filters[2].name", Message: `"urgent " is already used by saved_filters[0] (names must be unique)`}}},
		{"template with a misspelt variable", func(c *Config) {
			c.ReplyTemplates = []ReplyTemplate{{"merci", "Merci {autor} !"}}
		}, []Problem{{Path: "reply_templates[0].text", Message: "unknown variable {autor} (did you mean {author}? known: {author}, {client}, {brand}, {network}, {handle}, {first_name}; write {{ for a literal brace)"}}},
		{"template with an unknown variable", func(c *Config) {
			c.ReplyTemplates = []ReplyTemplate{{"merci", "Merci {prenom} !"}}
		}, []Problem{{Path: "reply_templates[0].text", Message: "unknown variable {prenom} (known: {author}, {client}, {brand}, {network}, {handle}, {first_name}; write {{ for a literal brace)"}}},
		{"template with an unclosed brace", func(c *Config) {
			c.Clients[1].ReplyTemplates = []ReplyTemplate{{"merci", "Merci {author"}}
		}, []Problem{{Path: "clients[1].reply_templates[0].text", Message: "unclosed { at position 6 (write {{ for a literal brace)"}}},
		{"template without name or text", func(c *Config) {
			c.ReplyTemplates = []ReplyTemplate{{"", ""}}
		}, []Problem{
			{Path: "reply_templates[0].name", Message: `required (e.g. "merci")`},
			{Path: "reply_templates[0].text", Message: `required (e.g. "Merci {first_name} !")`},
		}},
		{"duplicate template in one scope", func(c *Config) {
			c.Clients[0].ReplyTemplates = []ReplyTemplate{{"bug", "Merci !"}, {"Bug", "Thanks!"}}
		}, []Problem{{Path: "clients[0].reply_templates[1].name", Message: `"Bug" is already used by clients[0].reply_templates[0] (names must be unique)`}}},
		{"same name in two scopes is an override", func(c *Config) {
			c.ReplyTemplates = []ReplyTemplate{{"merci", "Merci !"}}
			c.Clients[0].ReplyTemplates = []ReplyTemplate{{"merci", "Merci de la part de {brand} !"}}
			c.Clients[1].ReplyTemplates = []ReplyTemplate{{"merci", "Merci {first_name} !"}}
		}, nil},
		{"escaped braces are fine", func(c *Config) {
			c.ReplyTemplates = []ReplyTemplate{{"code", "Tapez {{code}} dans l'appli"}}
		}, nil},
		{"bad tags", func(c *Config) {
			c.Tags = []string{"idea", "Idée", "two words", "", "idea", "ok-2"}
		}, []Problem{
			{Path: "tags[1]", Message: `"Idée" is not a tag (use lowercase a-z, 0-9 and -, e.g. "idee")`},
			{Path: "tags[2]", Message: `"two words" is not a tag (use lowercase a-z, 0-9 and -, e.g. "two-words")`},
			{Path: "tags[3]", Message: `"" is not a tag (use lowercase a-z, 0-9 and -)`},
			{Path: "tags[4]", Message: `"idea" is listed twice (also tags[0]; keep one)`},
		}},
		{"empty tag list is allowed", func(c *Config) { c.Tags = []string{} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.breakIt(c)
			assertProblems(t, c.Validate(knownProviders), tt.want)
		})
	}
}

func TestLoadInboxProblemsNameTheLine(t *testing.T) {
	file := writeConfig(t, "tags: [idea, Bug]\nreply_templates:\n  - name: merci\n    text: \"Hi {nom}\"\n")
	_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 {
		t.Fatalf("error = %v, want two problems", err)
	}
	if !strings.HasSuffix(ve.Problems[0].Where, ":4") || !strings.HasSuffix(ve.Problems[1].Where, ":1") {
		t.Errorf("where = %q, %q; want lines 4 (the template) and 1 (the tag)", ve.Problems[0].Where, ve.Problems[1].Where)
	}
}

func TestLoadInboxSchema(t *testing.T) {
	file := writeConfig(t, "saved_filters:\n  - name: x\n    querry: y\ntags: idea\n")
	_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	if err == nil || !strings.Contains(err.Error(), `saved_filters[0].querry: unknown key (did you mean "query"?)`) {
		t.Errorf("error = %v, want the misspelt key named", err)
	}
}

func TestDemoDefaults(t *testing.T) {
	d := DemoDefaults()
	templates, filters, tags := d.Templates, d.Filters, d.Tags
	c := &Config{SyncInterval: DefaultSyncInterval, UndoWindow: DefaultUndoWindow, Tags: tags}
	for _, tp := range templates {
		if tp.Client == "" {
			c.ReplyTemplates = append(c.ReplyTemplates, ReplyTemplate{tp.Name, tp.Text})
			continue
		}
		i := slices.IndexFunc(c.Clients, func(cl Client) bool { return cl.Slug == tp.Client })
		if i < 0 {
			c.Clients = append(c.Clients, Client{Slug: tp.Client})
			i = len(c.Clients) - 1
		}
		c.Clients[i].ReplyTemplates = append(c.Clients[i].ReplyTemplates, ReplyTemplate{tp.Name, tp.Text})
	}
	c.SavedFilters = filters
	if err := c.Validate(nil); err != nil {
		t.Fatalf("the demo defaults do not pass validation: %v", err)
	}
	slugs := map[string]bool{}
	for _, tp := range templates {
		slugs[tp.Client] = true
	}
	for _, s := range []string{"", "pixelforge", "fournil", "ironpulse", "banque-lumen"} {
		if !slugs[s] {
			t.Errorf("no demo saved reply for %q", s)
		}
	}
	if len(filters) < 3 || !slices.Equal(tags, DefaultTags()) {
		t.Errorf("filters %v, tags %v", filters, tags)
	}
	vars := map[string]string{core.VarAuthor: "Léa Martin", core.VarClient: "Le Fournil"}
	for _, tp := range templates {
		out, err := core.ExpandTemplate(tp.Text, vars)
		if err != nil || strings.Contains(out, "{") {
			t.Errorf("%s: %q, %v", tp.Name, out, err)
		}
	}
}
