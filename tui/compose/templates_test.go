package compose

import (
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

func TestTemplateIsExpandedAndInsertedAtTheCursor(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	press(m, typeText("Bonjour, ")...)
	press(m, "ctrl+t")
	if !m.Picking() {
		t.Fatal("ctrl+t did not open the picker")
	}
	press(m, typeText("mer")...)
	press(m, "enter")
	if m.Picking() {
		t.Fatal("the picker stays open after enter")
	}
	want := "Bonjour, Merci Jeanne pour votre message sur Chirper ! — Le Fournil"
	if m.Value() != want {
		t.Fatalf("Value() = %q, want %q", m.Value(), want)
	}
	// The cursor is after the inserted text: typing continues there.
	press(m, typeText(" :)")...)
	if m.Value() != want+" :)" {
		t.Errorf("typing after the insertion gives %q", m.Value())
	}
}

func TestTemplateInsertedInTheMiddle(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "AB")
	press(m, "ctrl+b") // one character back: between A and B
	press(m, "ctrl+t")
	press(m, typeText("hor")...)
	press(m, "enter")
	if want := "ANous sommes ouverts de 7h à 19h, Jeanne Dupont.B"; m.Value() != want {
		t.Errorf("Value() = %q, want %q", m.Value(), want)
	}
}

func TestPickerOffersOnlyTheClientsTemplates(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	press(m, "ctrl+t")
	view := plain(m)
	for _, want := range []string{"Saved replies · Le Fournil", "3 of 3", "Merci", "Horaires", "Cassé"} {
		if !strings.Contains(view, want) {
			t.Errorf("the picker does not show %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "Remboursement") {
		t.Errorf("the picker shows another client's template:\n%s", view)
	}
	press(m, typeText("zzz")...)
	if !strings.Contains(plain(m), "No saved reply matches") {
		t.Errorf("no 'no match' line:\n%s", plain(m))
	}
	press(m, "enter") // nothing to pick: stays open
	if !m.Picking() || m.Value() != "" {
		t.Errorf("enter on no match: picking %v, value %q", m.Picking(), m.Value())
	}
	press(m, "esc")
	if m.Picking() || m.Value() != "" {
		t.Errorf("esc: picking %v, value %q", m.Picking(), m.Value())
	}
}

func TestPickerMovesAndWraps(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	press(m, "ctrl+t", "up", "enter") // from the first, up wraps to the last: "Cassé"
	if !strings.Contains(plain(m), "unknown variable {prenom}") {
		t.Fatalf("the broken template is not explained:\n%s", plain(m))
	}
	if m.Value() != "" {
		t.Errorf("a broken template inserted %q", m.Value())
	}
	press(m, "ctrl+t", "down", "enter")
	if !strings.HasPrefix(m.Value(), "Nous sommes ouverts") {
		t.Errorf("down then enter inserted %q, want the second template", m.Value())
	}
}

func TestNoTemplatesForClient(t *testing.T) {
	ctx := testCtx(i18n.FR, 280)
	ctx.ReplyTemplates = nil
	m := New(ctx, target(), thread(), "")
	m.SetSize(120, 7)
	press(m, "ctrl+t")
	if m.Picking() {
		t.Fatal("the picker opened with nothing to pick")
	}
	if !strings.Contains(plain(m), "Pas encore de réponses types pour Le Fournil") {
		t.Errorf("no explanation:\n%s", plain(m))
	}
}

func TestTemplateVars(t *testing.T) {
	tests := []struct {
		name, authorName, handle, text, want string
	}{
		{"full", "Jeanne Dupont", "@jeanne_d", "{author} {first_name} {handle} {client} {brand} {network}",
			"Jeanne Dupont Jeanne @jeanne_d Le Fournil Le Fournil Chirper"},
		{"no name", "", "@jeanne_d", "Merci {first_name} ({author})", "Merci jeanne_d (@jeanne_d)"},
		{"forum handle", "", "Jeanne_D", "Merci {first_name}", "Merci Jeanne_D"},
	}
	for _, tt := range tests {
		it := target()
		it.Author.Name, it.Author.Handle = tt.authorName, tt.handle
		got, err := core.ExpandTemplate(tt.text, templateVars(it))
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestTemplatesFor(t *testing.T) {
	all := []common.ReplyTemplate{{Name: "a"}, {Name: "b", Client: "x"}, {Name: "c", Client: "y"}}
	var names []string
	for _, tpl := range templatesFor(all, "x") {
		names = append(names, tpl.Name)
	}
	if got := strings.Join(names, ","); got != "a,b" {
		t.Errorf("templatesFor(x) = %s, want a,b", got)
	}
}
